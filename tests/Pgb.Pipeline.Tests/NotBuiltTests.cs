using Pgb.Client;
using Pgb.Testing;

namespace Pgb.Pipeline.Tests;

/// <summary>
/// A chosen platform the service is not building (null without a signing key, or skip) fails the wait after
/// <see cref="PgbWaitOptions.NotBuiltPolls"/> polls with PGB3004, instead of waiting out the timeout; a null that
/// clears within them does not.
/// </summary>
[TestClass]
public sealed class NotBuiltTests
{
    private static readonly string[] Both = ["android", "ios"];

    private static PgbWaitOptions Options() => new() { Timeout = TimeSpan.FromSeconds(1800), PollInterval = TimeSpan.FromSeconds(2) };

    [TestMethod]
    public async Task Wait_WhenIosStaysNullWithoutAKey_FailsWithPGB3004NamingThePlatformAndHowToSelectAKey()
    {
        var handler = new FakeHandler(_ => PipelineFactory.App(5, ("android", "complete"), ("ios", null)));
        var clock = new ManualPgbClock();

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.WaitAsync(handler, clock, 5, Both, Options()));

        Assert.AreEqual(PgbErrorCodes.PlatformNotBuilt, ex.Code);
        Assert.AreEqual("PGB3004", ex.Code);
        Assert.Contains("not building ios for app #5", ex.Message);
        Assert.Contains("PgbIosKeyId", ex.Message);
        Assert.Contains("--ios-key", ex.Message);
        Assert.Contains("pgb keys", ex.Message);
        Assert.DoesNotContain("android", ex.Message, "android is being built: only ios is named");
        Assert.HasCount(PgbWaitOptions.DefaultNotBuiltPolls, handler.Requests);
        Assert.IsLessThan(TimeSpan.FromSeconds(30), clock.Elapsed, "seconds, not the 30-minute timeout");
    }

    [TestMethod]
    public async Task Wait_WhenANullClearsWithinTheGracePolls_WaitsForTheBuild()
    {
        var handler = new FakeHandler()
            .Enqueue(PipelineFactory.App(5, ("android", null), ("ios", null)))
            .Enqueue(PipelineFactory.App(5, ("android", null), ("ios", null)))
            .Enqueue(PipelineFactory.App(5, ("android", "pending"), ("ios", null)))
            .Enqueue(PipelineFactory.App(5, ("android", "pending"), ("ios", "pending")))
            .Enqueue(PipelineFactory.App(5, ("android", "complete"), ("ios", "complete")));

        var app = await PipelineFactory.WaitAsync(handler, 5, Both, Options());

        Assert.AreEqual(PgbBuildStatus.Complete, app.StatusOf("ios"));
        Assert.HasCount(5, handler.Requests);
    }

    [TestMethod]
    public async Task Wait_WhenANullComesBackLater_CountsItsPollsAfresh()
    {
        var handler = new FakeHandler()
            .Enqueue(PipelineFactory.App(5, ("android", null)))
            .Enqueue(PipelineFactory.App(5, ("android", null)))
            .Enqueue(PipelineFactory.App(5, ("android", null)))
            .Enqueue(PipelineFactory.App(5, ("android", "pending")))
            .Enqueue(PipelineFactory.App(5, ("android", null)))
            .Enqueue(PipelineFactory.App(5, ("android", "complete")));

        var app = await PipelineFactory.WaitAsync(handler, 5, ["android"], Options());

        Assert.AreEqual(PgbBuildStatus.Complete, app.StatusOf("android"));
    }

    [TestMethod]
    public async Task Wait_WhenAPlatformIsSkipped_FailsWithPGB3004()
    {
        var handler = new FakeHandler(_ => PipelineFactory.App(5, ("android", "skip"), ("ios", "pending")));

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.WaitAsync(handler, 5, Both, Options()));

        Assert.AreEqual(PgbErrorCodes.PlatformNotBuilt, ex.Code);
        Assert.Contains("not building android", ex.Message);
        Assert.Contains("skip", ex.Message);
        Assert.Contains("PgbAndroidKeyId", ex.Message);
    }

    [TestMethod]
    public async Task Wait_WhenAPlatformIsSkippedAlthoughAKeyIsSelected_SaysToCheckTheKey()
    {
        var handler = new FakeHandler(_ => PipelineFactory.AppWithKeys(5, ["ios"], ("ios", "skip")));

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.WaitAsync(handler, 5, ["ios"], Options()));

        Assert.AreEqual(PgbErrorCodes.PlatformNotBuilt, ex.Code);
        Assert.Contains("key #3", ex.Message);
        Assert.Contains("unlocked", ex.Message);
    }

    [TestMethod]
    public async Task Wait_WhenTwoPlatformsAreNotBuilt_NamesBoth()
    {
        var handler = new FakeHandler(_ => PipelineFactory.App(5, ("blackberry", null), ("ios", "skip")));

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.WaitAsync(handler, 5, ["blackberry", "ios"], Options()));

        Assert.Contains("not building blackberry", ex.Message);
        Assert.Contains("not building ios", ex.Message);
        Assert.Contains("the app's settings on the service", ex.Message, "no MSBuild property selects a blackberry key");
    }

    [TestMethod]
    public async Task Wait_WhenOnePlatformErrorsWhileAnotherIsNotBuilt_TheErrorWins()
    {
        var handler = new FakeHandler(_ => PipelineFactory.App(5, [("android", "error"), ("ios", null)], [("android", "Gradle build failed")]));

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.WaitAsync(handler, 5, Both, Options()));

        Assert.AreEqual(PgbErrorCodes.BuildFailed, ex.Code);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(7)]
    public async Task Wait_FailsOnTheConfiguredPoll(int polls)
    {
        var handler = new FakeHandler(_ => PipelineFactory.App(5, ("ios", null)));
        var options = Options();
        options.NotBuiltPolls = polls;

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.WaitAsync(handler, 5, ["ios"], options));

        Assert.AreEqual(PgbErrorCodes.PlatformNotBuilt, ex.Code);
        Assert.HasCount(polls, handler.Requests);
    }
}
