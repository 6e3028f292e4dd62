using Pgb.Shared;

namespace Pgb.EndToEnd.Tests;

/// <summary>A private copy of samples/HelloCordova that restores from the test feed only.</summary>
internal sealed class SampleProject
{
    private SampleProject(string directory) => Directory = directory;

    public string Directory { get; }

    public string ProjectFile => Path.Combine(Directory, "HelloCordova.csproj");

    public string OutputDirectory => Path.Combine(Directory, "bin", "Debug", "net10.0", "pgb");

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
    public Task<ProcessResult> BuildAsync(Uri server, string? token, params string[] extra)
    {
        var environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = PackagedFeed.Packages,
            ["PGB_AUTH_TOKEN"] = token,
            ["PGB_SERVER_URL"] = null,
        };
        string[] arguments = ["build", ProjectFile, "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:PgbServerUrl=" + server.AbsoluteUri, .. extra];
        return ProcessRunner.RunAsync("dotnet", arguments, Directory, environment, TimeSpan.FromMinutes(5));
    }

    private static void CopyDirectory(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        foreach (var dir in System.IO.Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(dir);
            if (name is "bin" or "obj") continue;
            CopyDirectory(dir, Path.Combine(target, name));
        }
    }
}
