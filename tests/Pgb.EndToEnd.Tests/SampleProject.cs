namespace Pgb.EndToEnd.Tests;

/// <summary>A private copy of samples/HelloCordova that restores from the test feed only.</summary>
internal sealed class SampleProject
{
    private SampleProject(string directory) => Directory = directory;

    public string Directory { get; }

    public string ProjectFile => Path.Combine(Directory, "HelloCordova.csproj");

    public string OutputDirectory => OutputDirectoryFor("Debug");

    /// <summary>Where the artifacts of a single-targeting build in <paramref name="configuration"/> land by default.</summary>
    public string OutputDirectoryFor(string configuration) => Path.Combine(Directory, "bin", configuration, "net10.0", "pgb");

    /// <summary>The id of the app the first build created (obj/pgb/app-id.txt).</summary>
    public string CreatedAppId => File.ReadAllText(Path.Combine(Directory, "obj", "pgb", "app-id.txt")).Trim();

    /// <summary>Rewrites the project file, e.g. to make it multi-targeting.</summary>
    public void EditProject(Func<string, string> edit)
    {
        var before = File.ReadAllText(ProjectFile);
        var after = edit(before);
        if (after == before)
        {
            throw new InvalidOperationException("the edit changed nothing in " + ProjectFile);
        }

        File.WriteAllText(ProjectFile, after);
    }

    public static SampleProject Create(string name)
    {
        var source = Path.Combine(PackagedFeed.Repository, "samples", "HelloCordova");
        var target = Path.Combine(PackagedFeed.Root, name);
        CopyDirectory(source, target);
        File.WriteAllText(Path.Combine(target, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="pgb-test" value="{PackagedFeed.Feed}" />
              </packageSources>
            </configuration>
            """);
        return new SampleProject(target);
    }

    /// <summary>Runs <c>dotnet build</c> on the copy as a separate process.</summary>
    public Task<ProcessResult> BuildAsync(Uri server, string? token, params string[] extra) =>
        RunAsync("build", server, token, extra);

    /// <summary>Runs <c>dotnet build</c> on the copy in a terminal, as a person does (see <see cref="PseudoTerminal"/>).</summary>
    public Task<TerminalRun> BuildInTerminalAsync(Uri server, string? token, params string[] extra) =>
        PseudoTerminal.RunAsync(["dotnet", "build", ProjectFile, "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:PgbServerUrl=" + server.AbsoluteUri, .. extra],
            Directory, Environment(token), TimeSpan.FromMinutes(5));

    /// <summary>Runs <c>dotnet msbuild</c> on the copy, for targets other than Build (add <c>-restore</c>).</summary>
    public Task<ProcessResult> MSBuildAsync(Uri server, string? token, params string[] extra) =>
        RunAsync("msbuild", server, token, extra);

    /// <summary>Runs <c>dotnet clean</c> on the copy (no token: cleaning never talks to the server).</summary>
    public Task<ProcessResult> CleanAsync(Uri server, params string[] extra) => RunAsync("clean", server, null, extra);

    /// <summary>Starts <c>dotnet build</c> without waiting for it, so the test can press Ctrl+C.</summary>
    public ChildProcess StartBuild(Uri server, string? token) =>
        ChildProcess.Start("dotnet", ["build", ProjectFile, "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:PgbServerUrl=" + server.AbsoluteUri], Directory, Environment(token));

    private Task<ProcessResult> RunAsync(string command, Uri server, string? token, string[] extra)
    {
        string[] arguments = [command, ProjectFile, "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:PgbServerUrl=" + server.AbsoluteUri, .. extra];
        return ProcessRunner.RunAsync("dotnet", arguments, Directory, Environment(token), TimeSpan.FromMinutes(5));
    }

    private static Dictionary<string, string?> Environment(string? token) => new()
    {
        ["NUGET_PACKAGES"] = PackagedFeed.Packages,
        ["PGB_AUTH_TOKEN"] = token,
        ["PGB_SERVER_URL"] = null,
    };

    private static void CopyDirectory(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var dir in System.IO.Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(dir);
            if (name is "bin" or "obj")
            {
                continue;
            }

            CopyDirectory(dir, Path.Combine(target, name));
        }
    }
}
