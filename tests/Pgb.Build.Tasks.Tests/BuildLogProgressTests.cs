using Microsoft.Build.Utilities;

namespace Pgb.Build.Tasks.Tests;

[TestClass]
public sealed class BuildLogProgressTests
{
    [TestMethod]
    public void Report_LogsEachEventAsOneMessage_AndDropsByteCountsAfterThePlatformWasSaved()
    {
        var engine = new MockEngine();
        var progress = new BuildLogProgress(new TaskLoggingHelper(engine, "PgbDownload"), MessageImportance.High);

        progress.Report(PgbProgress.StatusChange("App #1: android complete", new Dictionary<string, string?> { ["android"] = "complete" }));
        progress.Report(PgbProgress.TransferProgress(PgbStage.Download, "android", 10, 445, "Downloading android: 10 of 445 bytes"));
        progress.Report(PgbProgress.TransferDone(PgbStage.Download, "android", 445, "Downloading is over: android saved"));
        progress.Report(PgbProgress.TransferProgress(PgbStage.Download, "android", 445, 445, "Downloading android: 445 of 445 bytes"));

        CollectionAssert.AreEqual(
            new[] { "PhoneGap Build: App #1: android complete", "PhoneGap Build: Downloading android: 10 of 445 bytes", "PhoneGap Build: Downloading is over: android saved" },
            engine.Messages.Select(m => m.Message).ToArray());
        Assert.IsTrue(engine.Messages.All(m => m.Importance == MessageImportance.High));
    }
}
