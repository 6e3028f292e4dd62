namespace Pgb.Testing;

/// <summary>
/// A git repository in a temporary folder, made and changed with the git executable (which <c>.ci/run</c> installs), and
/// reached as a <c>file://</c> URL: what repo-backed apps fetch in tests, which never reach the network.
/// </summary>
public sealed class GitRepository : IDisposable
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _folder = new();

    private GitRepository()
    {
    }

    public string Path => _folder.Path;

    /// <summary><c>file:///...</c>: what an app's <c>repo</c> names.</summary>
    public string Url => new Uri(System.IO.Path.TrimEndingDirectorySeparator(Path) + System.IO.Path.DirectorySeparatorChar).AbsoluteUri.TrimEnd('/');

    /// <summary>A repository on branch <c>main</c> whose one commit holds <paramref name="files"/> ('/'-separated paths).</summary>
    public static async Task<GitRepository> CreateAsync(params (string Path, string Content)[] files)
    {
        var repository = new GitRepository();
        try
        {
            await repository.GitAsync("init", "--quiet", "--initial-branch=main");
            foreach (var (path, content) in files)
            {
                repository.Write(path, content);
            }

            await repository.CommitAsync("first");
            return repository;
        }
        catch
        {
            repository.Dispose();
            throw;
        }
    }

    /// <summary>A Cordova project: config.xml naming <paramref name="name"/> and a www folder with an index.html saying
    /// <paramref name="text"/>.</summary>
    public static Task<GitRepository> CordovaAsync(string name, string text) =>
        CreateAsync(("config.xml", Zips.ConfigXml(name)), ("www/index.html", $"<html><body>{text}</body></html>"));

    public void Write(string path, string content) => _folder.WriteFile(path, content);

    public void Delete(string path) => File.Delete(_folder.Combine(path.Split('/')));

    /// <summary>Commits everything in the folder; returns the commit's id.</summary>
    public async Task<string> CommitAsync(string message = "change")
    {
        await GitAsync("add", "--all");
        await GitAsync("-c", "user.name=Pgb Tests", "-c", "user.email=tests@example.com", "commit", "--quiet", "--allow-empty", "-m", message);
        return (await GitAsync("rev-parse", "HEAD")).Trim();
    }

    public Task TagAsync(string name) => GitAsync("tag", name);

    public void Dispose() => _folder.Dispose();

    private async Task<string> GitAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("git", ["-C", Path, .. arguments], Path,
            new Dictionary<string, string?> { ["GIT_CONFIG_NOSYSTEM"] = "1", ["GIT_CONFIG_GLOBAL"] = System.IO.Path.Combine(Path, ".no-global-config") }, GitTimeout);
        if (result.ExitCode != 0)
        {
            throw new AssertFailedException($"git {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Output}");
        }

        return result.StandardOutput;
    }
}
