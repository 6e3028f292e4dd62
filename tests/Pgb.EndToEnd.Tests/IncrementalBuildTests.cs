namespace Pgb.EndToEnd.Tests;

/// <summary>When the job reruns and when it does not: docs/msbuild.md lists the inputs.</summary>
[TestClass]
public sealed class IncrementalBuildTests : SampleBuildTest
{
    [TestMethod]
    public async Task DotnetBuild_RerunsAfterEachChangeOfAnInput_AndNotWithoutOne()
    {
        var sample = await StartAsync(TimeSpan.FromMilliseconds(200));
        // The settings of the builds so far: each step adds one change.
        var settings = new List<string>();

        async Task AssertRerunsAsync(string change)
        {
            var queued = Server.QueuedBuilds();
            var result = await sample.BuildAsync(Server.BaseUri, DevToken, [.. settings]);
            Assert.AreEqual(0, result.ExitCode, $"after {change}:\n{result.Output}");
            Assert.AreEqual(queued + 1, Server.QueuedBuilds(), $"{change} must rerun the job, once:\n{result.Output}");
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

        var requests = Server.RequestCount;
        var unchanged = await sample.BuildAsync(Server.BaseUri, DevToken, [.. settings]);
        Assert.AreEqual(0, unchanged.ExitCode, unchanged.Output);
        Assert.AreEqual(requests, Server.RequestCount, "nothing changed: no request:\n" + unchanged.Output);
    }

    [TestMethod]
    public async Task DotnetBuild_ReleaseAfterDebug_UpdatesTheSameAppIntoItsOwnFolder_AndCleanRemovesOnlyItsArtifacts()
    {
        var sample = await StartAsync(TimeSpan.FromMilliseconds(200));
        var debugApk = Path.Combine(sample.OutputDirectoryFor("Debug"), "HelloCordova-android.apk");
        var releaseApk = Path.Combine(sample.OutputDirectoryFor("Release"), "HelloCordova-android.apk");

        var debug = await sample.BuildAsync(Server.BaseUri, DevToken);
        Assert.AreEqual(0, debug.ExitCode, debug.Output);
        var appId = sample.CreatedAppId;

        var release = await sample.BuildAsync(Server.BaseUri, DevToken, "-c", "Release");
        Assert.AreEqual(0, release.ExitCode, release.Output);
        Assert.AreEqual(2, Server.QueuedBuilds(), "Release has its own state: it runs the job\n" + release.Output);
        Assert.AreEqual(1, Server.CreatedApps(), "...for the app the Debug build created");
        Assert.AreEqual(appId, sample.CreatedAppId);
        Assert.IsTrue(File.Exists(releaseApk), release.Output);

        var requests = Server.RequestCount;
        var debugAgain = await sample.BuildAsync(Server.BaseUri, DevToken);
        Assert.AreEqual(0, debugAgain.ExitCode, debugAgain.Output);
        Assert.AreEqual(requests, Server.RequestCount, "the Release build must not make Debug out of date:\n" + debugAgain.Output);

        var clean = await sample.CleanAsync(Server.BaseUri);
        Assert.AreEqual(0, clean.ExitCode, clean.Output);
        Assert.IsFalse(File.Exists(debugApk), "dotnet clean removes the artifacts");
        Assert.IsFalse(File.Exists(Path.Combine(sample.Directory, "obj", "Debug", "net10.0", "pgb", "artifacts.tsv")), "...and the manifest");
        Assert.IsTrue(File.Exists(releaseApk), "cleaning Debug leaves Release alone");
        Assert.AreEqual(appId, sample.CreatedAppId, "the created app's id is kept: it names an app on the server");

        var rebuilt = await sample.BuildAsync(Server.BaseUri, DevToken);
        Assert.AreEqual(0, rebuilt.ExitCode, rebuilt.Output);
        Assert.AreEqual(3, Server.QueuedBuilds(), "after a clean the job runs again\n" + rebuilt.Output);
        Assert.AreEqual(1, Server.CreatedApps());
        Assert.IsTrue(File.Exists(debugApk), rebuilt.Output);
    }

    [TestMethod]
    public async Task DesignTimeBuilds_NeverTalkToTheServer()
    {
        var sample = await StartAsync(TimeSpan.FromMilliseconds(200));

        // A design-time build that runs Build (some IDEs and tools do), marked as such.
        var build = await sample.BuildAsync(Server.BaseUri, DevToken, "-p:DesignTimeBuild=true");
        Assert.AreEqual(0, build.ExitCode, build.Output);
        StringAssert.Contains(build.Output, "HelloCordova -> ", "the build itself ran");
        Assert.AreEqual(0L, Server.RequestCount, "a design-time Build must not upload:\n" + build.Output);

        // Visual Studio's legacy design-time build: its own targets, with BuildingProject=false.
        var compile = await sample.MSBuildAsync(Server.BaseUri, DevToken, "-restore", "-t:ResolveAssemblyReferences;Compile", "-p:BuildingProject=false");
        Assert.AreEqual(0, compile.ExitCode, compile.Output);
        Assert.AreEqual(0L, Server.RequestCount, "design-time targets must not upload:\n" + compile.Output);
        Assert.IsFalse(Directory.Exists(sample.OutputDirectory));

        var real = await sample.BuildAsync(Server.BaseUri, DevToken);
        Assert.AreEqual(0, real.ExitCode, real.Output);
        Assert.AreEqual(1, Server.QueuedBuilds(), "the same project does run the job in a real build:\n" + real.Output);
    }
}
