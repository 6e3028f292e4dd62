using System.Security.Cryptography;

namespace Pgb.Tool.Tests;

[TestClass]
public sealed class BuildCommandTests
{
    private const string DevToken = "pgb-dev-token";

    private static Task<PgbServer> StartServerAsync(Action<PgbServerOptions>? configure = null)
    {
        var options = new PgbServerOptions { Port = 0, BuildDuration = TimeSpan.FromMilliseconds(200) };
        configure?.Invoke(options);
        return PgbServer.StartAsync(options, CancellationToken.None);
    }

    [TestMethod]
    public async Task Build_AgainstAServer_DownloadsAndroidAndIos_AndExitsZero()
    {
        await using var server = await StartServerAsync();
        using var app = new TestApp(DevToken);

        var run = await ToolRun.RunAsync(app.BuildArgs(server.BaseUri, "--create", "--platforms", "android,ios"));

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var apk = Path.Combine(app.Out, "app-android.apk");
        var ipa = Path.Combine(app.Out, "app-ios.ipa");
        Assert.IsTrue(File.Exists(apk), run.ToString());
        Assert.IsTrue(File.Exists(ipa), run.ToString());
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.HasCount(2, lines, run.ToString());
        Assert.StartsWith("android", lines[0]);
        Assert.Contains(apk, lines[0]);
        Assert.Contains($"{new FileInfo(apk).Length} bytes", lines[0]);
        Assert.StartsWith("ios", lines[1]);
        Assert.Contains("pgb: [upload]", run.Stderr, "progress goes to stderr");
        Assert.DoesNotContain("\u001b[", run.Stderr, "no ANSI when stderr is not a terminal");
        var appId = int.Parse(File.ReadAllText(Path.Combine(app.Out, ".pgb-app-id")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        CollectionAssert.AreEqual(server.GetArtifact(appId, "android"), File.ReadAllBytes(apk));
    }

    [TestMethod]
    public async Task Build_WithJson_PrintsOneDocumentListingBothArtifacts()
    {
        await using var server = await StartServerAsync();
        using var app = new TestApp(DevToken);

        var run = await ToolRun.RunAsync(app.BuildArgs(server.BaseUri, "--create", "--platforms", "android,ios", "--json"));

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        Assert.IsGreaterThan(0, root.GetProperty("appId").GetInt32());
        var artifacts = root.GetProperty("artifacts").EnumerateArray().ToList();
        CollectionAssert.AreEquivalent(new[] { "android", "ios" }, artifacts.Select(a => a.GetProperty("platform").GetString()).ToList());
        foreach (var artifact in artifacts)
        {
            var path = artifact.GetProperty("path").GetString()!;
            Assert.IsTrue(File.Exists(path), path);
            var bytes = File.ReadAllBytes(path);
            Assert.AreEqual(bytes.LongLength, artifact.GetProperty("length").GetInt64());
            Assert.AreEqual(Convert.ToHexString(SHA256.HashData(bytes)), artifact.GetProperty("sha256").GetString(), ignoreCase: true);
            Assert.IsTrue(artifact.TryGetProperty("version", out _));
        }
    }

    [TestMethod]
    public async Task Build_WhenTheIosBuildFails_ExitsFourWithPGB3001AndTheServersMessage()
    {
        await using var server = await StartServerAsync(o => o.FailingPlatforms["ios"] = "Keystore was tampered with");
        using var app = new TestApp(DevToken);

        var run = await ToolRun.RunAsync(app.BuildArgs(server.BaseUri, "--create", "--platforms", "android,ios"));

        Assert.AreEqual(ExitCodes.BuildFailed, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB3001:", run.Stderr);
        Assert.Contains("Keystore was tampered with", run.Stderr);
        Assert.AreEqual(string.Empty, run.Stdout, "no artifact lines for a failed build");
    }

    [TestMethod]
    public async Task Build_WhenTheIosBuildFails_WithJson_PrintsTheErrorDocument()
    {
        await using var server = await StartServerAsync(o => o.FailingPlatforms["ios"] = "Keystore was tampered with");
        using var app = new TestApp(DevToken);

        var run = await ToolRun.RunAsync(app.BuildArgs(server.BaseUri, "--create", "--platforms", "android,ios", "--json"));

        Assert.AreEqual(ExitCodes.BuildFailed, run.ExitCode, run.ToString());
        using var document = JsonDocument.Parse(run.Stdout);
        var error = document.RootElement.GetProperty("error");
        Assert.AreEqual("PGB3001", error.GetProperty("code").GetString());
        Assert.Contains("Keystore was tampered with", error.GetProperty("message").GetString()!);
        Assert.Contains("pgb: error PGB3001:", run.Stderr);
    }

    [TestMethod]
    public async Task Build_WhenTheTokenVariableIsUnset_ExitsTwoWithPGB1002_AndNoStackTrace()
    {
        await using var server = await StartServerAsync();
        using var app = new TestApp(token: null);

        var run = await ToolRun.RunAsync(app.BuildArgs(server.BaseUri, "--create", "--platforms", "android"));

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB1002:", run.Stderr);
        Assert.Contains(app.TokenVariable, run.Stderr, "the message names the variable to set");
        Assert.DoesNotContain("   at ", run.All, "no stack trace");
        Assert.DoesNotContain("Exception", run.All);
        Assert.AreEqual(0, server.RequestCount, "nothing is sent without a token");
    }

    [TestMethod]
    public async Task Build_WithAnUnknownPlatform_ExitsTwoWithPGB1005()
    {
        await using var server = await StartServerAsync();
        using var app = new TestApp(DevToken);

        var run = await ToolRun.RunAsync(app.BuildArgs(server.BaseUri, "--create", "--platforms", "android,tizen"));

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB1005:", run.Stderr);
        Assert.Contains("tizen", run.Stderr);
        Assert.AreEqual(0, server.RequestCount);
    }

    [TestMethod]
    public async Task Build_WhenTheTokenIsWrong_ExitsThreeWithPGB2401_AndNeverPrintsTheToken()
    {
        const string wrong = "wrong-token-6f1d2c9a";
        await using var server = await StartServerAsync();
        using var app = new TestApp(wrong);

        var run = await ToolRun.RunAsync(app.BuildArgs(server.BaseUri, "--create", "--platforms", "android", "--json"));

        Assert.AreEqual(ExitCodes.Server, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB2401:", run.Stderr);
        Assert.Contains(app.TokenVariable, run.Stderr, "the message names the variable to fix");
        Assert.DoesNotContain(wrong, run.All);
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.AreEqual("PGB2401", document.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [TestMethod]
    public async Task Build_WithoutAServer_RunsAnEmbeddedServer_AndSucceeds()
    {
        using var app = new TestApp(token: null);
        // Neither PGB_SERVER_URL nor a token, whatever the machine running the tests has set.
        var environment = new ToolEnvironment(_ => null);
        var args = new[] { "build", "--create", "--www", app.Www, "--platforms", "android,ios", "--out", app.Out, "--poll", "0.2", "--json" };

        var run = await ToolRun.RunAsync(environment, args);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.Contains("embedded local server", run.Stderr);
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.AreEqual(2, document.RootElement.GetProperty("artifacts").GetArrayLength());
        Assert.IsTrue(File.Exists(Path.Combine(app.Out, "app-android.apk")));
        Assert.IsTrue(File.Exists(Path.Combine(app.Out, "app-ios.ipa")));
    }

    [TestMethod]
    public async Task Build_WithoutAServer_IgnoresATokenMeantForAnotherServer()
    {
        const string ciToken = "token-for-the-real-server-7d1c";
        using var app = new TestApp(token: null);
        var environment = new ToolEnvironment(name => name == "PGB_AUTH_TOKEN" ? ciToken : null);
        var args = new[] { "build", "--create", "--www", app.Www, "--platforms", "android", "--out", app.Out, "--poll", "0.2" };

        var run = await ToolRun.RunAsync(environment, args);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.Contains("PGB_AUTH_TOKEN is not used", run.Stderr);
        Assert.DoesNotContain(ciToken, run.All);
        Assert.IsTrue(File.Exists(Path.Combine(app.Out, "app-android.apk")));
    }

    [TestMethod]
    [DataRow("--out", "PGB1011")]
    [DataRow("--www", "PGB1003")]
    public async Task Build_WithAnEmptyFolderOption_FailsWithItsCodeAndExit2(string option, string code)
    {
        using var app = new TestApp(DevToken);
        var args = new List<string> { "build", "--server", "http://127.0.0.1:9", "--create", "--www", app.Www, "--platforms", "android", "--out", app.Out, "--json" };
        args[args.IndexOf(option) + 1] = "";

        var run = await ToolRun.RunAsync([.. args]);

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.AreEqual(code, document.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(option, document.RootElement.GetProperty("error").GetProperty("message").GetString()!);
    }

    [TestMethod]
    public async Task Build_WithCreate_RemembersTheApp_AndTheNextRunUpdatesIt()
    {
        await using var server = await StartServerAsync();
        using var app = new TestApp(DevToken);
        var state = Path.Combine(app.Root, "state", "app-id");

        var first = await ToolRun.RunAsync(app.BuildArgs(server.BaseUri, "--create", "--state", state, "--platforms", "android", "--json"));
        var second = await ToolRun.RunAsync(app.BuildArgs(server.BaseUri, "--create", "--state", state, "--platforms", "android", "--json"));

        Assert.AreEqual(ExitCodes.Success, first.ExitCode, first.ToString());
        Assert.AreEqual(ExitCodes.Success, second.ExitCode, second.ToString());
        using var firstDocument = JsonDocument.Parse(first.Stdout);
        using var secondDocument = JsonDocument.Parse(second.Stdout);
        var appId = firstDocument.RootElement.GetProperty("appId").GetInt32();
        Assert.AreEqual(appId, secondDocument.RootElement.GetProperty("appId").GetInt32());
        Assert.AreEqual(appId.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(state).Trim());
        Assert.IsFalse(File.Exists(Path.Combine(app.Out, ".pgb-app-id")), "--state replaces the default location");
    }

    [TestMethod]
    public async Task Build_WithNeitherAppIdNorCreate_ExitsTwoWithPGB1006()
    {
        await using var server = await StartServerAsync();
        using var app = new TestApp(DevToken);

        var run = await ToolRun.RunAsync(app.BuildArgs(server.BaseUri, "--platforms", "android"));

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB1006:", run.Stderr);
    }

    [TestMethod]
    public async Task Build_WithAnAppIdThatDoesNotExist_ExitsThreeWithPGB2404()
    {
        await using var server = await StartServerAsync();
        using var app = new TestApp(DevToken);

        var run = await ToolRun.RunAsync(app.BuildArgs(server.BaseUri, "--app-id", "987654", "--platforms", "android"));

        Assert.AreEqual(ExitCodes.Server, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB2404:", run.Stderr);
    }

    [TestMethod]
    public async Task Build_WhenTheServerIsNotThere_ExitsThreeWithPGB2001()
    {
        int port;
        await using (var server = await StartServerAsync())
        {
            port = server.BaseUri.Port;
        }

        using var app = new TestApp(DevToken);
        var run = await ToolRun.RunAsync(app.BuildArgs(new Uri($"http://127.0.0.1:{port}/"), "--create", "--platforms", "android"));

        Assert.AreEqual(ExitCodes.Server, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB2001:", run.Stderr);
    }

    [TestMethod]
    public async Task Build_WithABadTimeout_ExitsTwoWithPGB1008()
    {
        using var app = new TestApp(DevToken);

        var run = await ToolRun.RunAsync("build", "--server", "http://127.0.0.1:1/", "--www", app.Www, "--out", app.Out,
            "--token-variable", app.TokenVariable, "--create", "--platforms", "android", "--timeout=-5");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB1008:", run.Stderr);
    }

    [TestMethod]
    public async Task Build_WhenCanceled_Exits130WithPGB0001()
    {
        await using var server = await StartServerAsync(o => o.BuildDuration = TimeSpan.FromMinutes(5));
        using var app = new TestApp(DevToken);
        var stdout = new LineWriter();
        var stderr = new LineWriter();
        using var cancel = new CancellationTokenSource();

        var running = Program.RunAsync(app.BuildArgs(server.BaseUri, "--create", "--platforms", "android"), stdout, stderr, cancel.Token);
        // Cancel once the build is queued (the wait would otherwise last five minutes).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!stderr.ToString().Contains("[build]", StringComparison.Ordinal) && DateTime.UtcNow < deadline && !running.IsCompleted)
        {
            await Task.Delay(50);
        }

        await cancel.CancelAsync();
        var exitCode = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.AreEqual(ExitCodes.Canceled, exitCode, stderr.ToString());
        Assert.Contains("pgb: error PGB0001:", stderr.ToString());
    }
}
