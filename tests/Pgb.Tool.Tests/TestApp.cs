namespace Pgb.Tool.Tests;

/// <summary>
/// A Cordova-like project in a fresh temp folder (www/index.html, config.xml) and a token in an environment
/// variable with a unique name, so parallel tests never share one. Both are removed on dispose.
/// </summary>
internal sealed class TestApp : IDisposable
{
    private readonly TempDirectory _folder = new();

    public TestApp(string? token = null)
    {
        Directory.CreateDirectory(Path.Combine(Root, "www"));
        File.WriteAllText(Path.Combine(Root, "www", "index.html"), "<html><body>Hello from pgb</body></html>");
        File.WriteAllText(Path.Combine(Root, "config.xml"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <widget xmlns="http://www.w3.org/ns/widgets" id="com.example.tool" version="3.1.4"><name>Tool Test App</name></widget>
            """);
        TokenVariable = "PGB_TOOL_TEST_TOKEN_" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        if (token is not null)
        {
            Environment.SetEnvironmentVariable(TokenVariable, token);
        }
    }

    public string Root => _folder.Path;

    public string Www => Path.Combine(Root, "www");

    public string ConfigXml => Path.Combine(Root, "config.xml");

    public string Out => Path.Combine(Root, "out");

    public string TokenVariable { get; }

    /// <summary><c>build</c> with the app's folders and token variable, then <paramref name="more"/>.</summary>
    public string[] BuildArgs(Uri? server, params string[] more)
    {
        var args = new List<string> { "build" };
        if (server is not null)
        {
            args.AddRange(["--server", server.ToString()]);
        }

        args.AddRange(["--www", Www, "--config", ConfigXml, "--out", Out, "--token-variable", TokenVariable, "--poll", "0.1", "--timeout", "60"]);
        args.AddRange(more);
        return [.. args];
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(TokenVariable, null);
        _folder.Dispose();
    }
}
