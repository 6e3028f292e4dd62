using static Pgb.Tool.Tests.BuildToken;

namespace Pgb.Tool.Tests;

/// <summary>
/// <c>pgb build</c> against scripted answers (the fake handler behind <see cref="ToolEnvironment"/>): every failure
/// is one coded line on stderr, one JSON document with --json, the exit code of its class, and no leftovers.
/// </summary>
[TestClass]
public sealed class BuildFailureTests
{
    private static readonly Uri Server = new("https://build.example/");

    /// <summary>A project, its own temporary folder, and an environment that holds the token and talks to <paramref name="handler"/>.</summary>
    private sealed class Setup : IDisposable
    {
        public Setup(FakeHandler handler)
        {
            Temp.WriteFile("app/www/index.html", "<html>fake</html>");
            Directory.CreateDirectory(Temp.Combine("tmp"));
            Environment = new ToolEnvironment(Variables(), httpHandler: () => handler, temporaryFolder: Temp.Combine("tmp"));
        }

        public TempDirectory Temp { get; } = new();

        public ToolEnvironment Environment { get; }

        public string Out => Temp.Combine("app", "out");

        public string[] Args(params string[] more) =>
        [
            "build", "--server", Server.ToString(), "--app-id", "7", "--www", Temp.Combine("app", "www"), "--out", Out,
            "--token-variable", TokenVariable, "--platforms", "android", "--poll", "0.05", "--timeout", "30", .. more,
        ];

        public void Dispose() => Temp.Dispose();
    }

    /// <summary>A service for app 7 whose steps answer normally unless <paramref name="overrides"/> has a route ("PUT /api/v1/apps/7").</summary>
    private static FakeHandler Service(Dictionary<string, Func<HttpResponseMessage>>? overrides = null) => new(r =>
    {
        var route = r.Method.Method + " " + (r.Uri.Host == "storage.example" ? "storage:" : "") + r.Uri.AbsolutePath;
        if (overrides is not null && overrides.TryGetValue(route, out var answer))
        {
            return answer();
        }

        return route switch
        {
            "PUT /api/v1/apps/7" => FakeHandler.Json(HttpStatusCode.OK, """{"id":7}"""),
            "POST /api/v1/apps/7/build" => FakeHandler.Json(HttpStatusCode.Accepted, "{}"),
            "GET /api/v1/apps/7" => FakeHandler.Json(HttpStatusCode.OK, """{"id":7,"version":"1.0.0","status":{"android":"complete"}}"""),
            "GET /api/v1/apps/7/android" => FakeHandler.RedirectJson("http://storage.example/s/7/app.apk"),
            "GET storage:/s/7/app.apk" => FakeHandler.Bytes([.. "PK\u0003\u0004"u8, .. new byte[4092]]),
            _ => FakeHandler.Json(HttpStatusCode.NotFound, "{\"error\":\"no route " + route + "\"}"),
        };
    });

    private static void AssertOneErrorDocument(ToolRun run, string code)
    {
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.AreEqual(code, document.RootElement.GetProperty("error").GetProperty("code").GetString(), run.ToString());
        Assert.AreEqual(1, run.Stdout.Trim().Split('\n').Length, "one JSON document on one line");
        Assert.Contains($"pgb: error {code}: ", run.Stderr);
        Assert.DoesNotContain("   at ", run.All, "no stack trace");
        Assert.DoesNotContain(Token, run.All);
    }

    [TestMethod]
    public async Task Build_ReadsTheTokenThroughItsEnvironment_AndSucceeds()
    {
        var handler = Service();
        using var setup = new Setup(handler);

        var run = await ToolRun.RunAsync(setup.Environment, setup.Args("--json"));

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.IsTrue(handler.Requests.Where(r => r.Uri.Host == "build.example").All(r => r.QueryParameters["auth_token"] == Token));
        Assert.IsTrue(File.Exists(Path.Combine(setup.Out, "app-android.apk")));
        Assert.IsEmpty(setup.Temp.ListFiles("tmp"), "the temporary archive is deleted");
    }

    [TestMethod]
    public async Task Build_WhenTheServerPutsTheTokenWhereNoUrlShowsIt_ItIsStillNeverPrinted()
    {
        // A created app titled with the token, as a server that echoes its request might answer.
        var handler = Service(new() { ["POST /api/v1/apps"] = () => FakeHandler.Json(HttpStatusCode.Created, "{\"id\":7,\"title\":\"" + Token + "\"}") });
        using var setup = new Setup(handler);
        var args = setup.Args("--json").ToList();
        args.RemoveRange(args.IndexOf("--app-id"), 2);
        args.Add("--create");

        var run = await ToolRun.RunAsync(setup.Environment, [.. args]);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.Contains("Created app #7", run.Stderr);
        Assert.DoesNotContain(Token, run.All);
    }

    [TestMethod]
    [DataRow(HttpStatusCode.InternalServerError, "PGB2500")]
    [DataRow(HttpStatusCode.Forbidden, "PGB2403")]
    [DataRow(HttpStatusCode.Unauthorized, "PGB2401")]
    [DataRow(HttpStatusCode.RequestEntityTooLarge, "PGB2413")]
    [DataRow(HttpStatusCode.Conflict, "PGB2400")]
    public async Task Build_WhenTheUploadIsRefused_ExitsThreeWithTheCodeOfTheAnswer(HttpStatusCode status, string code)
    {
        // The server echoes the request URL, token included, as some proxies do.
        var handler = Service(new() { ["PUT /api/v1/apps/7"] = () => FakeHandler.Json(status, "{\"error\":\"refused https://build.example/api/v1/apps/7?auth_token=" + Token + "\"}") });
        using var setup = new Setup(handler);

        var run = await ToolRun.RunAsync(setup.Environment, setup.Args("--json"));

        Assert.AreEqual(ExitCodes.Server, run.ExitCode, run.ToString());
        AssertOneErrorDocument(run, code);
        Assert.IsEmpty(setup.Temp.ListFiles("tmp"), "the temporary archive is deleted");
        Assert.IsEmpty(setup.Temp.ListFiles("app/out"));
    }

    [TestMethod]
    public async Task Build_WhenTheStorageAnswersSomethingUnreadable_ExitsThreeWithPGB2000()
    {
        var handler = Service(new() { ["GET /api/v1/apps/7/android"] = () => FakeHandler.Html(HttpStatusCode.OK, "<html>sign in</html>") });
        using var setup = new Setup(handler);

        var run = await ToolRun.RunAsync(setup.Environment, setup.Args("--json"));

        Assert.AreEqual(ExitCodes.Server, run.ExitCode, run.ToString());
        AssertOneErrorDocument(run, "PGB2000");
    }

    [TestMethod]
    public async Task Build_WhenTheOutputFolderIsAFile_ExitsFiveWithPGB4002_BeforeUploading()
    {
        var handler = Service();
        using var setup = new Setup(handler);
        setup.Temp.WriteFile("app/out", "a file where the folder should be");

        var run = await ToolRun.RunAsync(setup.Environment, setup.Args("--json"));

        Assert.AreEqual(ExitCodes.LocalIO, run.ExitCode, run.ToString());
        AssertOneErrorDocument(run, "PGB4002");
        Assert.IsEmpty(handler.Requests);
    }

    /// <summary>A www that cannot be packaged (a link that loops back, a link to nothing) stops the build before any
    /// request, with the packager's code, naming the link and leaving no partial archive.</summary>
    [TestMethod]
    [DataRow("again", ".", ExitCodes.Usage, "PGB1012", DisplayName = "Build_WhenWwwHoldsALinkLoop_ExitsTwoWithPGB1012")]
    [DataRow("missing.js", "not-there.js", ExitCodes.LocalIO, "PGB4004", DisplayName = "Build_WhenAFileOfWwwCannotBeRead_ExitsFiveWithPGB4004")]
    public async Task Build_WhenWwwHoldsABadLink_FailsBeforeUploading(string link, string target, int exitCode, string code)
    {
        var handler = Service();
        using var setup = new Setup(handler);
        if (target == ".")
        {
            Directory.CreateSymbolicLink(setup.Temp.Combine("app", "www", link), target);
        }
        else
        {
            File.CreateSymbolicLink(setup.Temp.Combine("app", "www", link), target);
        }

        var run = await ToolRun.RunAsync(setup.Environment, setup.Args("--json"));

        Assert.AreEqual(exitCode, run.ExitCode, run.ToString());
        AssertOneErrorDocument(run, code);
        Assert.Contains(link, run.Stderr);
        Assert.IsEmpty(handler.Requests);
        Assert.IsEmpty(setup.Temp.ListFiles("tmp"));
    }

    [TestMethod]
    [DataRow("PUT /api/v1/apps/7")]
    [DataRow("GET /api/v1/apps/7")]
    [DataRow("GET storage:/s/7/app.apk")]
    public async Task Build_WhenCanceledDuringAStage_Exits130WithPGB0001_AndLeavesNoArchiveNorArtifact(string stalledRoute)
    {
        using var cancel = new CancellationTokenSource();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = Service(new()
        {
            [stalledRoute] = () =>
            {
                reached.TrySetResult();
                // Headers arrive, the body never does: the request hangs until canceled.
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StalledStream()) };
            },
        });
        using var setup = new Setup(handler);
        var stdout = new LineWriter();
        var stderr = new LineWriter();

        var running = Program.RunAsync(setup.Args("--json"), stdout, stderr, setup.Environment, cancel.Token);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        var exitCode = await running.WaitAsync(TimeSpan.FromSeconds(10));

        var run = new ToolRun(exitCode, stdout.ToString(), stderr.ToString());
        Assert.AreEqual(ExitCodes.Canceled, run.ExitCode, run.ToString());
        AssertOneErrorDocument(run, "PGB0001");
        Assert.IsEmpty(setup.Temp.ListFiles("tmp"), "the temporary archive is deleted");
        Assert.IsEmpty(setup.Temp.ListFiles("app/out"), "no artifact, and no partial file");
    }

    [TestMethod]
    public async Task Build_WhenTheBuildOutlastsTheTimeout_ExitsFourWithPGB3002NamingThePendingPlatform()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { Port = 0, BuildDuration = TimeSpan.FromMinutes(5) });
        using var app = new TestApp("pgb-dev-token");
        var args = app.BuildArgs(server.BaseUri, "--create", "--platforms", "android", "--json").ToList();
        args[args.IndexOf("--timeout") + 1] = "0.5";

        var run = await ToolRun.RunAsync([.. args]);

        Assert.AreEqual(ExitCodes.BuildFailed, run.ExitCode, run.ToString());
        AssertOneErrorDocument(run, "PGB3002");
        Assert.Contains("still pending: android (pending)", run.Stderr);
    }
}
