namespace Pgb.Tool.Tests;

/// <summary>
/// A server on 127.0.0.1 port 0 and an environment of its own for the commands that talk to it: a credentials folder
/// (XDG_CONFIG_HOME) in a temp folder, the server in PGB_SERVER_URL, and variables the test sets. Nothing of the
/// machine's environment (a real login, a real token) leaks in.
/// </summary>
internal sealed partial class CommandSession : IAsyncDisposable
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    private CommandSession(PgbServer server)
    {
        Server = server;
        Temp = new TempDirectory();
        _variables["XDG_CONFIG_HOME"] = Temp.Combine("config");
        _variables["HOME"] = Temp.Combine("home");
        _variables["APPDATA"] = Temp.Combine("config");
        _variables[ToolEnvironment.ServerUrlVariable] = ServerUrl;
    }

    public PgbServer Server { get; }

    public TempDirectory Temp { get; }

    /// <summary>The server's URL as printed: scheme, host and port, no trailing slash.</summary>
    public string ServerUrl => Server.BaseUri.GetLeftPart(UriPartial.Authority);

    public string CredentialsPath => Path.Combine(_variables["XDG_CONFIG_HOME"], "pgb", "credentials.json");

    public static async Task<CommandSession> StartAsync(Action<PgbServerOptions>? configure = null)
    {
        var options = new PgbServerOptions { Port = 0, BuildDuration = TimeSpan.FromMilliseconds(200) };
        configure?.Invoke(options);
        return new CommandSession(await PgbServer.StartAsync(options, CancellationToken.None));
    }

    public string? this[string variable]
    {
        get => _variables.GetValueOrDefault(variable);
        set
        {
            if (value is null)
            {
                _variables.Remove(variable);
            }
            else
            {
                _variables[variable] = value;
            }
        }
    }

    /// <summary>A www folder with an index.html and a config.xml.</summary>
    public string Www()
    {
        var www = Temp.Combine("project", "www");
        Directory.CreateDirectory(www);
        File.WriteAllText(Path.Combine(www, "index.html"), "<html><body>Hello from pgb</body></html>");
        File.WriteAllText(Path.Combine(www, "config.xml"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <widget xmlns="http://www.w3.org/ns/widgets" id="com.example.golden" version="1.0.0"><name>Golden App</name></widget>
            """);
        return www;
    }

    public Task<ToolRun> RunAsync(params string[] args) => RunWithStdinAsync(null, args);

    public Task<ToolRun> RunWithStdinAsync(string? stdin, params string[] args)
    {
        var variables = new Dictionary<string, string>(_variables, StringComparer.Ordinal);
        var environment = new ToolEnvironment(name => variables.GetValueOrDefault(name), temporaryFolder: Temp.Combine("tmp"))
        {
            Stdin = new StringReader(stdin ?? string.Empty),
        };
        Directory.CreateDirectory(Temp.Combine("tmp"));
        return ToolRun.RunAsync(environment, args);
    }

    /// <summary>
    /// A --json answer with what changes from run to run replaced: the server's URL, the temp folder, times, hashes and
    /// lengths of built packages (they hold the build's time).
    /// </summary>
    public string Normalize(string json)
    {
        var text = json.Replace(ServerUrl, "http://SERVER", StringComparison.Ordinal)
            .Replace(Temp.Path.Replace("\\", "\\\\", StringComparison.Ordinal), "TEMP", StringComparison.Ordinal)
            .Replace(Temp.Path, "TEMP", StringComparison.Ordinal);
        text = Sha256().Replace(text, "SHA256");
        text = Time().Replace(text, "TIME");
        return PackageLength().Replace(text, "\"length\":LENGTH");
    }

    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex Sha256();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")]
    private static partial Regex Time();

    [GeneratedRegex("\"length\":\\d+")]
    private static partial Regex PackageLength();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Temp.Dispose();
    }
}
