namespace Pgb.EndToEnd.Tests;

/// <summary>
/// Packs Pgb.Build.Tasks and Pgb.Tool once per test run into a fresh local feed, from a clean checkout of the
/// working tree with CI=true (see <see cref="CleanCheckout"/>), and gives each build an isolated NUGET_PACKAGES so
/// nothing comes from (or goes to) the user's package cache.
/// </summary>
[TestClass]
public static class PackagedFeed
{
    private static TempDirectory? s_folder;

    public static string Root => s_folder?.Path ?? throw new InvalidOperationException("the feed is made before the first test");
    public static string Repository => RepositoryFiles.Root;
    public static string Feed => Path.Combine(Root, "feed");
    public static string Packages => Path.Combine(Root, "packages");
    public static string Checkout => Path.Combine(Root, "checkout");

    /// <summary>The commit of <see cref="Checkout"/>, which the packages were built from.</summary>
    public static string Commit { get; private set; } = string.Empty;
    public static string Version => "0.1.0";

    [AssemblyInitialize]
    public static async Task PackAsync(TestContext context)
    {
        s_folder = new TempDirectory();
        Directory.CreateDirectory(Feed);
        Commit = await CleanCheckout.CreateAsync(Repository, Checkout, context.CancellationTokenSource.Token);
        var result = await ProcessRunner.RunAsync("dotnet",
            ["pack", Path.Combine(Checkout, "nuget", "Pgb.Packages.proj"), "-c", "Release", "-nodeReuse:false", "-p:PackageOutputPath=" + Feed + "/"],
            Checkout, new Dictionary<string, string?> { ["CI"] = "true" }, TimeSpan.FromMinutes(8), cancellationToken: context.CancellationTokenSource.Token);
        if (result.ExitCode != 0)
        {
            Assert.Fail("dotnet pack failed:\n" + result.Output);
        }

        foreach (var id in new[] { "Pgb.Build.Tasks", "Pgb.Tool" })
        {
            var nupkg = Path.Combine(Feed, $"{id}.{Version}.nupkg");
            if (!File.Exists(nupkg))
            {
                Assert.Fail($"{nupkg} was not produced:\n{result.Output}");
            }
        }
    }

    [AssemblyCleanup]
    public static void Cleanup() => s_folder?.Dispose();
}
