namespace Pgb.Tool.Tests;

/// <summary>The live display driven by hand: a fake terminal (a writer and a width), a manual clock, no timer (Tick is the timer).</summary>
[TestClass]
public sealed class LiveReporterTests
{
    private readonly StringWriter _stderr = new();
    private readonly ManualClock _time = new();

    private LiveReporter Reporter(int width = 100, CancellationToken cancellationToken = default, ToolConsole? console = null) =>
        new(console ?? new ToolConsole(new StringWriter(), _stderr, json: false), new ToolTerminal(_stderr, () => width, isTerminal: true),
            _time, Timeout.InfiniteTimeSpan, cancellationToken);

    private TerminalScreen Screen => TerminalScreen.Play(_stderr.ToString());

    private static PgbProgress Wait(params (string Platform, string? Status)[] statuses) =>
        PgbProgress.StatusChange("App #1: ...", statuses.ToDictionary(s => s.Platform, s => s.Status));

    private static PgbProgress Downloading(string platform, long bytes) => PgbProgress.TransferProgress(PgbStage.Download, platform, bytes, null, $"Downloading {platform}: {bytes:N0} bytes");

    private static PgbProgress Saved(string platform, long bytes) => PgbProgress.TransferDone(PgbStage.Download, platform, bytes, $"Saved {platform} package to out/app-{platform}.apk ({bytes:N0} bytes)");

    private void Later(double seconds) => _time.Advance(TimeSpan.FromSeconds(seconds));

    [TestMethod]
    public void Wait_DrawsARowPerPlatform_AndRedrawsItInPlace()
    {
        using var reporter = Reporter();
        reporter.Report(PgbProgress.Step(PgbStage.Build, "Queued android, ios builds of app #1"));
        Later(1);
        reporter.Report(Wait(("android", "pending"), ("ios", "pending")));
        Later(4.05);
        reporter.Report(Wait(("android", "complete"), ("ios", "pending")));
        Later(2);
        reporter.Tick();

        CollectionAssert.AreEqual(
            new[]
            {
                "pgb: [build] Queued android, ios builds of app #1",
                "  + android  complete   0:05",
                "  - ios      pending    0:07",
            },
            Screen.Lines.ToArray(), _stderr.ToString());
        Assert.IsFalse(Screen.CursorVisible, "hidden while the rows are redrawn");
    }

    [TestMethod]
    public void Dispose_LeavesTheRowsFrozenAsTheSummary_AndShowsTheCursor()
    {
        var reporter = Reporter();
        reporter.Report(Wait(("android", "complete"), ("ios", "error"), ("winphone", null)));
        Later(3);
        reporter.Dispose();

        CollectionAssert.AreEqual(
            new[] { "  + android   complete   0:00", "  x ios       error      0:00", "  - winphone  null       0:03" },
            Screen.Lines.ToArray(), _stderr.ToString());
        Assert.IsTrue(Screen.CursorVisible);
        Assert.EndsWith(TerminalCursor.Show, _stderr.ToString());
    }

    [TestMethod]
    public void Download_ShowsBytesWhileRunning_AndAFullBarOnceSaved_WithTheSavedLineAbove()
    {
        using var reporter = Reporter();
        reporter.Report(Wait(("android", "complete"), ("ios", "complete")));
        Later(1);
        reporter.Report(Downloading("android", 1536));
        Later(1);
        reporter.Tick();
        StringAssert.Matches(Screen.Lines[0], new System.Text.RegularExpressions.Regex(@"^  [|/\-\\] android  complete   0:00  \["));
        StringAssert.EndsWith(Screen.Lines[0], "] 1.5 KiB");
        StringAssert.Contains(Screen.Lines[0], "===");

        reporter.Report(Saved("android", 2048));
        Later(1);
        reporter.Report(Downloading("android", 2048)); // late: after the save, it changes nothing
        reporter.Tick();

        CollectionAssert.AreEqual(
            new[]
            {
                "pgb: [download] Saved android package to out/app-android.apk (2,048 bytes)",
                "  + android  complete   0:00  [####################] 2.0 KiB saved",
                "  + ios      complete   0:00",
            },
            Screen.Lines.ToArray(), _stderr.ToString());
    }

    [TestMethod]
    public void Download_WithAKnownLength_ShowsAProportionalBarAndBothSizes()
    {
        using var reporter = Reporter();
        reporter.Report(Wait(("android", "complete")));
        Later(1);
        reporter.Report(PgbProgress.TransferProgress(PgbStage.Download, "android", 1024, 4096, "Downloading android: 1,024 of 4,096 bytes"));
        Later(1);
        reporter.Tick();

        StringAssert.EndsWith(Screen.Lines[0], "[#####---------------] 1.0 KiB / 4.0 KiB");
    }

    [TestMethod]
    public void Milestones_ScrollAboveTheRows_InTheirOrder()
    {
        using var reporter = Reporter();
        reporter.Report(PgbProgress.Step(PgbStage.Package, "Packaged www"));
        reporter.Report(PgbProgress.Step(PgbStage.Upload, "Uploaded app.zip to app #1"));
        Later(1);
        reporter.Report(Wait(("android", "pending")));
        Later(1);
        reporter.Report(PgbProgress.Step(PgbStage.Upload, "A late note"));
        reporter.Tick();

        CollectionAssert.AreEqual(
            new[] { "pgb: [package] Packaged www", "pgb: [upload] Uploaded app.zip to app #1", "pgb: [upload] A late note", "  - android  pending    0:01" },
            Screen.Lines.Select(l => l.Replace("  | ", "  - ", StringComparison.Ordinal).Replace("  / ", "  - ", StringComparison.Ordinal)
                .Replace("  \\ ", "  - ", StringComparison.Ordinal)).ToArray(),
            _stderr.ToString());
    }

    [TestMethod]
    public void Reports_WithinTheRefreshInterval_WaitForTheNextTick()
    {
        using var reporter = Reporter();
        reporter.Report(Wait(("android", "pending")));
        var afterFirst = _stderr.ToString();
        Later(0.05);
        reporter.Report(Wait(("android", "complete")));
        Assert.AreEqual(afterFirst, _stderr.ToString(), "no second frame within 100 ms");

        reporter.Tick();
        StringAssert.StartsWith(Screen.Lines[0], "  + android  complete");
        var afterTick = _stderr.ToString();
        reporter.Tick();
        Assert.AreEqual(afterTick, _stderr.ToString(), "nothing moves once every row is done: no redraw");
    }

    [TestMethod]
    public void Rows_AreCutToTheWidth_SoTheyNeverWrap()
    {
        using var reporter = Reporter(width: 30);
        reporter.Report(Wait(("android", "a-very-long-status-from-some-server")));

        foreach (var line in Screen.Lines)
        {
            Assert.IsLessThanOrEqualTo(29, line.Length, line);
        }

        StringAssert.EndsWith(Screen.Lines[0], "~");
    }

    [TestMethod]
    public void ServerText_IsRedacted_AndStrippedOfControlCharacters()
    {
        var console = new ToolConsole(new StringWriter(), _stderr, json: false);
        console.Conceal("tok-s3cret-123");
        using var reporter = Reporter(console: console);
        reporter.Report(Wait(("android", "pending tok-s3cret-123\u001b[2J\nx")));
        reporter.Report(PgbProgress.Step(PgbStage.Upload, "two\nlines"));
        reporter.Dispose();

        Assert.DoesNotContain("tok-s3cret-123", _stderr.ToString());
        Assert.DoesNotContain("\u001b[2J", _stderr.ToString());
        Assert.Contains("pending *** ", Screen.Lines[^1]);
    }

    [TestMethod]
    public void Cancellation_StopsTheDisplay_AndLaterEventsArePlainLines()
    {
        using var cancel = new CancellationTokenSource();
        using var reporter = Reporter(cancellationToken: cancel.Token);
        reporter.Report(Wait(("android", "pending")));

        cancel.Cancel();
        Assert.IsTrue(Screen.CursorVisible, "Ctrl+C shows the cursor again at once");
        reporter.Report(PgbProgress.Step(PgbStage.Upload, "unwinding"));
        reporter.Report(Wait(("android", "complete")));

        var lines = Screen.Lines;
        Assert.HasCount(2, lines, _stderr.ToString());
        StringAssert.StartsWith(lines[0], "  - android  pending");
        Assert.AreEqual("pgb: [upload] unwinding", lines[1]);
    }

    [TestMethod]
    public void Dispose_WithNothingShown_WritesNothing()
    {
        Reporter().Dispose();
        Assert.AreEqual(string.Empty, _stderr.ToString());
    }

    [TestMethod]
    public async Task Reports_FromManyThreads_NeverTearAFrame()
    {
        var platforms = new[] { "android", "ios", "winphone", "webos" };
        var console = new ToolConsole(new StringWriter(), _stderr, json: false);
        using var reporter = new LiveReporter(console, new ToolTerminal(TextWriter.Synchronized(_stderr), () => 80, isTerminal: true),
            TimeProvider.System, TimeSpan.FromMilliseconds(1));

        await Task.WhenAll(platforms.Select(p => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                reporter.Report(Wait((p, i < 199 ? "pending" : "complete")));
                reporter.Report(Downloading(p, i * 1000));
            }
        })));
        reporter.Dispose();

        var lines = Screen.Lines;
        Assert.HasCount(4, lines, _stderr.ToString()[^Math.Min(2000, _stderr.ToString().Length)..]);
        foreach (var line in lines)
        {
            StringAssert.Matches(line, new System.Text.RegularExpressions.Regex(@"^  [-+*|/\\] \w+ +complete"));
        }
    }
}
