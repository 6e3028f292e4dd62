using Pgb.Server;

namespace Pgb.EndToEnd.Tests;

/// <summary>When the job reruns and when it does not: docs/msbuild.md lists the inputs.</summary>
[TestClass]
public sealed class IncrementalBuildTests
{
    private const string DevToken = "pgb-dev-token";

    [TestMethod]
    public async Task DotnetBuild_RerunsAfterEachChangeOfAnInput_AndNotWithoutOne()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(200) });
        var sample = SampleProject.Create(nameof(DotnetBuild_RerunsAfterEachChangeOfAnInput_AndNotWithoutOne));
        // The settings of the builds so far: each step adds one change.
        var settings = new List<string>();

        async Task AssertRerunsAsync(string change)
        {
            var queued = server.QueuedBuilds();
            var result = await sample.BuildAsync(server.BaseUri, DevToken, [.. settings]);
            Assert.AreEqual(0, result.ExitCode, $"after {change}:\n{result.Output}");
            Assert.AreEqual(queued + 1, server.QueuedBuilds(), $"{change} must rerun the job, once:\n{result.Output}");
        }

        await AssertRerunsAsync("the first build");

        settings.Add("-p:PgbPlatforms=android");
        await AssertRerunsAsync("a change of PgbPlatforms");

        settings.Add("-p:PgbOutputDir=apps/");
        await AssertRerunsAsync("a change of PgbOutputDir");
        var artifact = Path.Combine(sample.Directory, "apps", "HelloCordova-android.apk");
        Assert.IsTrue(File.Exists(artifact), "the artifact lands in the new PgbOutputDir");

        var configXml = Path.Combine(sample.Directory, "config.xml");
        File.WriteAllText(configXml, File.ReadAllText(configXml).Replace("version=\"1.0.0\"", "version=\"1.0.1\"", StringComparison.Ordinal));
        await AssertRerunsAsync("an edit of config.xml");

        File.WriteAllText(Path.Combine(sample.Directory, "www", "js", "extra.js"), "console.log('extra');\n");
        await AssertRerunsAsync("a new file under www");

        File.Delete(artifact);
        await AssertRerunsAsync("a deleted artifact");
        Assert.IsTrue(File.Exists(artifact), "the deleted artifact is downloaded again");

        var requests = server.RequestCount;
        var unchanged = await sample.BuildAsync(server.BaseUri, DevToken, [.. settings]);
        Assert.AreEqual(0, unchanged.ExitCode, unchanged.Output);
        Assert.AreEqual(requests, server.RequestCount, "nothing changed: no request:\n" + unchanged.Output);
    }

    [TestMethod]
    public async Task DotnetBuild_ReleaseAfterDebug_UpdatesTheSameAppIntoItsOwnFolder_AndCleanRemovesOnlyItsArtifacts()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(200) });
        var sample = SampleProject.Create(nameof(DotnetBuild_ReleaseAfterDebug_UpdatesTheSameAppIntoItsOwnFolder_AndCleanRemovesOnlyItsArtifacts));
        var debugApk = Path.Combine(sample.OutputDirectoryFor("Debug"), "HelloCordova-android.apk");
        var releaseApk = Path.Combine(sample.OutputDirectoryFor("Release"), "HelloCordova-android.apk");

        var debug = await sample.BuildAsync(server.BaseUri, DevToken);
        Assert.AreEqual(0, debug.ExitCode, debug.Output);
        var appId = sample.CreatedAppId;

        var release = await sample.BuildAsync(server.BaseUri, DevToken, "-c", "Release");
        Assert.AreEqual(0, release.ExitCode, release.Output);
        Assert.AreEqual(2, server.QueuedBuilds(), "Release has its own state: it runs the job\n" + release.Output);
        Assert.AreEqual(1, server.CreatedApps(), "...for the app the Debug build created");
        Assert.AreEqual(appId, sample.CreatedAppId);
        Assert.IsTrue(File.Exists(releaseApk), release.Output);

        var requests = server.RequestCount;
        var debugAgain = await sample.BuildAsync(server.BaseUri, DevToken);
        Assert.AreEqual(0, debugAgain.ExitCode, debugAgain.Output);
        Assert.AreEqual(requests, server.RequestCount, "the Release build must not make Debug out of date:\n" + debugAgain.Output);

        var clean = await sample.CleanAsync(server.BaseUri);
        Assert.AreEqual(0, clean.ExitCode, clean.Output);
        Assert.IsFalse(File.Exists(debugApk), "dotnet clean removes the artifacts");
        Assert.IsFalse(File.Exists(Path.Combine(sample.Directory, "obj", "Debug", "net10.0", "pgb", "artifacts.tsv")), "...and the manifest");
        Assert.IsTrue(File.Exists(releaseApk), "cleaning Debug leaves Release alone");
        Assert.AreEqual(appId, sample.CreatedAppId, "the created app's id is kept: it names an app on the server");

        var rebuilt = await sample.BuildAsync(server.BaseUri, DevToken);
        Assert.AreEqual(0, rebuilt.ExitCode, rebuilt.Output);
        Assert.AreEqual(3, server.QueuedBuilds(), "after a clean the job runs again\n" + rebuilt.Output);
        Assert.AreEqual(1, server.CreatedApps());
        Assert.IsTrue(File.Exists(debugApk), rebuilt.Output);
    }

    [TestMethod]
    public async Task DesignTimeBuilds_NeverTalkToTheServer()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(200) });
        var sample = SampleProject.Create(nameof(DesignTimeBuilds_NeverTalkToTheServer));

        // A design-time build that runs Build (some IDEs and tools do), marked as such.
        var build = await sample.BuildAsync(server.BaseUri, DevToken, "-p:DesignTimeBuild=true");
        Assert.AreEqual(0, build.ExitCode, build.Output);
        StringAssert.Contains(build.Output, "HelloCordova -> ", "the build itself ran");
        Assert.AreEqual(0L, server.RequestCount, "a design-time Build must not upload:\n" + build.Output);

        // Visual Studio's legacy design-time build: its own targets, with BuildingProject=false.
        var compile = await sample.MSBuildAsync(server.BaseUri, DevToken, "-restore", "-t:ResolveAssemblyReferences;Compile", "-p:BuildingProject=false");
        Assert.AreEqual(0, compile.ExitCode, compile.Output);
        Assert.AreEqual(0L, server.RequestCount, "design-time targets must not upload:\n" + compile.Output);
        Assert.IsFalse(Directory.Exists(sample.OutputDirectory));

        var real = await sample.BuildAsync(server.BaseUri, DevToken);
        Assert.AreEqual(0, real.ExitCode, real.Output);
        Assert.AreEqual(1, server.QueuedBuilds(), "the same project does run the job in a real build:\n" + real.Output);
    }
}
