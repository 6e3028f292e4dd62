using static Pgb.Tool.Tests.BuildToken;

namespace Pgb.Tool.Tests;

/// <summary>
/// <c>pgb build</c> with stderr on a (fake) terminal, against scripted answers: the live rows end as a summary,
/// the cursor is shown again, and the result or the error comes after them, on success, failure and Ctrl+C.
/// </summary>
[TestClass]
public sealed class LiveBuildTests
{
    private static FakeHandler Service(string iosStatus, Action? onPoll = null) => new(r =>
    {
        var route = r.Method.Method + " " + (r.Uri.Host == "storage.example" ? "storage:" : "") + r.Uri.AbsolutePath;
        if (route == "GET /api/v1/apps/7")
        {
            onPoll?.Invoke();
        }

        return route switch
        {
            "PUT /api/v1/apps/7" => FakeHandler.Json(HttpStatusCode.OK, """{"id":7}"""),
            "POST /api/v1/apps/7/build" => FakeHandler.Json(HttpStatusCode.Accepted, "{}"),
            "GET /api/v1/apps/7" => FakeHandler.Json(HttpStatusCode.OK,
                $$$"""{"id":7,"version":"1.0.0","status":{"android":"complete","ios":"{{{iosStatus}}}"},"error":{"ios":"signing failed"}}"""),
            "GET /api/v1/apps/7/android" => FakeHandler.RedirectJson("http://storage.example/s/7/app.apk"),
            "GET /api/v1/apps/7/ios" => FakeHandler.RedirectJson("http://storage.example/s/7/app.ipa"),
            "GET storage:/s/7/app.apk" or "GET storage:/s/7/app.ipa" => FakeHandler.Bytes([.. "PK\u0003\u0004"u8, .. new byte[4092]]),
            _ => FakeHandler.Json(HttpStatusCode.NotFound, "{\"error\":\"no route " + route + "\"}"),
        };
    });

    private static async Task<ToolRun> RunAsync(FakeHandler handler, bool terminal, CancellationToken cancellationToken = default, params string[] more)
    {
        using var temp = new TempDirectory();
        temp.WriteFile("app/www/index.html", "<html>live</html>");
        Directory.CreateDirectory(temp.Combine("tmp"));
        var environment = new ToolEnvironment(Variables(), httpHandler: () => handler, temporaryFolder: temp.Combine("tmp"),
            stderrIsTerminal: terminal, stderrWidth: () => 100);
        string[] args =
        [
            "build", "--server", "https://build.example/", "--app-id", "7", "--www", temp.Combine("app", "www"), "--out", temp.Combine("app", "out"),
            "--token-variable", TokenVariable, "--platforms", "android,ios", "--poll", "0.05", "--timeout", "30", .. more,
        ];
        var stdout = new LineWriter();
        var stderr = new LineWriter();
        var exitCode = await Program.RunAsync(args, stdout, stderr, environment, cancellationToken);
        return new ToolRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    [TestMethod]
    public async Task Success_EndsWithTheSummaryRows_ThenTheResultOnStdout()
    {
        var run = await RunAsync(Service("complete"), terminal: true);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var screen = TerminalScreen.Play(run.Stderr);
        Assert.IsTrue(screen.CursorVisible, run.Stderr);
        StringAssert.StartsWith(screen.Lines[^2], "  + android  complete");
        StringAssert.EndsWith(screen.Lines[^2], "[####################] 4.0 KiB saved");
        StringAssert.EndsWith(screen.Lines[^1], "[####################] 4.0 KiB saved");
        Assert.Contains("pgb: [download] Saved ios package to ", run.Stderr);
        Assert.HasCount(2, run.Stdout.Trim().Split('\n'), "the result is unchanged");
        Assert.DoesNotContain(Token, run.All);
    }

    [TestMethod]
    public async Task Failure_FreezesTheRows_AndPrintsTheErrorBelowThem()
    {
        var run = await RunAsync(Service("error"), terminal: true);

        Assert.AreEqual(4, run.ExitCode, run.ToString());
        var screen = TerminalScreen.Play(run.Stderr);
        Assert.IsTrue(screen.CursorVisible, run.Stderr);
        StringAssert.StartsWith(screen.Lines[^3], "  + android  complete");
        StringAssert.StartsWith(screen.Lines[^2], "  x ios      error");
        StringAssert.StartsWith(screen.Lines[^1], "pgb: error PGB3001: ");
    }

    [TestMethod]
    public async Task CtrlC_WhileWaiting_ExitsWith130_AndTheCursorShown()
    {
        using var cancel = new CancellationTokenSource();
        var polls = 0;
        var run = await RunAsync(Service("pending", () => { if (Interlocked.Increment(ref polls) == 3) { cancel.Cancel(); } }), terminal: true, cancel.Token);

        Assert.AreEqual(130, run.ExitCode, run.ToString());
        var screen = TerminalScreen.Play(run.Stderr);
        Assert.IsTrue(screen.CursorVisible, run.Stderr);
        StringAssert.StartsWith(screen.Lines[^2], "  - ios      pending");
        StringAssert.StartsWith(screen.Lines[^1], "pgb: error PGB0001: ");
    }

    [TestMethod]
    public async Task Redirected_OrWithJson_PrintsPlainLinesOnly()
    {
        var redirected = await RunAsync(Service("complete"), terminal: false);
        var json = await RunAsync(Service("complete"), terminal: true, CancellationToken.None, "--json");

        foreach (var run in new[] { redirected, json })
        {
            Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
            Assert.DoesNotContain("\u001b", run.Stderr);
            Assert.Contains("pgb: [wait] App #7: ", run.Stderr);
        }
    }
}
