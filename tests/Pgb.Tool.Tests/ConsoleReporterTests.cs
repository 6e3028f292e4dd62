namespace Pgb.Tool.Tests;

[TestClass]
public sealed class ConsoleReporterTests
{
    [TestMethod]
    public void Report_WritesOnePlainLinePerEvent_OnStderr()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var reporter = new ConsoleReporter(new ToolConsole(stdout, stderr, json: false));

        reporter.Report(PgbProgress.Step(PgbStage.Upload, "Created app #1 'Demo'"));
        reporter.Report(PgbProgress.StatusChange("App #1: android pending", new Dictionary<string, string?> { ["android"] = "pending" }));

        Assert.AreEqual("pgb: [upload] Created app #1 'Demo'" + Environment.NewLine + "pgb: [wait] App #1: android pending" + Environment.NewLine, stderr.ToString());
        Assert.AreEqual(string.Empty, stdout.ToString());
    }

    [TestMethod]
    [DataRow("Downloading android: ", "Saved android package to out/app-android.apk (445 bytes)")]
    // The kind tells a byte count from the saved line, whatever the wording.
    [DataRow("android: ", "Downloading is over: android saved")]
    public void Report_DropsByteCountsThatArriveAfterThePlatformWasSaved(string countLine, string savedLine)
    {
        var stderr = new StringWriter();
        var reporter = new ConsoleReporter(new ToolConsole(new StringWriter(), stderr, json: false));

        reporter.Report(PgbProgress.TransferProgress(PgbStage.Download, "android", 10, null, countLine + "10 bytes"));
        reporter.Report(PgbProgress.TransferProgress(PgbStage.Download, "android", 20, null, countLine + "20 bytes"));
        reporter.Report(PgbProgress.TransferDone(PgbStage.Download, "android", 445, savedLine));
        reporter.Report(PgbProgress.TransferProgress(PgbStage.Download, "android", 445, null, countLine + "445 bytes"));

        var lines = stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.AreEqual(new[] { "pgb: [download] " + countLine + "10 bytes", "pgb: [download] " + savedLine }, lines);
    }

    [TestMethod]
    public void Report_RedactsTokensInUrls()
    {
        var stderr = new StringWriter();
        var reporter = new ConsoleReporter(new ToolConsole(new StringWriter(), stderr, json: false));

        reporter.Report(PgbProgress.Step(PgbStage.Upload, "PUT http://127.0.0.1:5000/api/v1/apps/1?auth_token=s3cret failed"));

        Assert.DoesNotContain("s3cret", stderr.ToString());
        Assert.Contains("auth_token=***", stderr.ToString());
    }
}
