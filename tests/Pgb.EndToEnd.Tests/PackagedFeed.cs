using Pgb.Shared;

namespace Pgb.EndToEnd.Tests;

/// <summary>
/// Packs Pgb.Build.Tasks and Pgb.Tool once per test run into a fresh local feed, and gives each build an
/// isolated NUGET_PACKAGES so nothing comes from (or goes to) the user's package cache.
/// </summary>
[TestClass]
public static class PackagedFeed
{
    public static string Root { get; private set; } = string.Empty;
    public static string Repository { get; private set; } = string.Empty;
    public static string Feed => Path.Combine(Root, "feed");
    public static string Packages => Path.Combine(Root, "packages");
    public static string Version => "0.1.0";

    [AssemblyInitialize]
    public static async Task PackAsync(TestContext context)
    {
        Repository = ProcessRunner.FindRepositoryRoot(AppContext.BaseDirectory);
        Root = Path.Combine(Path.GetTempPath(), "pgb-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Feed);
        var result = await ProcessRunner.RunAsync("dotnet",
            ["pack", Path.Combine(Repository, "nuget", "Pgb.Packages.proj"), "-c", "Release", "-nodeReuse:false", "-p:PackageOutputPath=" + Feed + "/"],
            Repository, null, TimeSpan.FromMinutes(8), cancellationToken: context.CancellationTokenSource.Token);
        if (result.ExitCode != 0) Assert.Fail("dotnet pack failed:\n" + result.Output);
        foreach (var id in new[] { "Pgb.Build.Tasks", "Pgb.Tool" })
        {
            var nupkg = Path.Combine(Feed, $"{id}.{Version}.nupkg");
            if (!File.Exists(nupkg)) Assert.Fail($"{nupkg} was not produced:\n{result.Output}");
        }
    }

    [AssemblyCleanup]
    public static void Cleanup()
    {
        try
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failing cleanup must not fail the run.
        }
    }
}
