namespace Pgb.Tool.Tests;

/// <summary><c>pgb serve</c> as a separate process (the pgb.dll built next to these tests, run by <c>dotnet</c>), so a
/// test can kill it the way a crash or an OOM killer does: SIGKILL, no shutdown code at all.</summary>
internal sealed partial class ServeProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;

    private ServeProcess(ChildProcess process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public string Output => _process.Output;

    public static string PgbDll => Path.Combine(AppContext.BaseDirectory, "pgb.dll");

    public static async Task<ServeProcess> StartAsync(string dataDirectory, params string[] more)
    {
        var process = ChildProcess.Start("dotnet", [PgbDll, "serve", "--port", "0", "--data", dataDirectory, .. more], AppContext.BaseDirectory);
        try
        {
            await process.WaitForLineAsync("Listening on http://127.0.0.1:", StartTimeout);
            var url = ListeningLine().Match(process.StandardOutput).Groups["url"].Value;
            return new ServeProcess(process, new Uri(url + "/"));
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: the server gets no chance to finish anything.</summary>
    public void Kill() => _process.Kill();

    public void Dispose() => _process.Dispose();

    [GeneratedRegex(@"Listening on (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
