using System.Net;
using Pgb.Client;

namespace Pgb.Pipeline.Tests;

[TestClass]
public sealed class WaitTests
{
    private static readonly string[] Android = ["android"];
    private static readonly string[] Both = ["android", "ios"];

    private static PgbWaitOptions Options(double timeoutSeconds = 600, double pollSeconds = 2, double maxPollSeconds = 30) => new()
    {
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        PollInterval = TimeSpan.FromSeconds(pollSeconds),
        MaxPollInterval = TimeSpan.FromSeconds(maxPollSeconds),
        BackoffFactor = 1.5,
    };

    [TestMethod]
    public async Task Wait_WhenPlatformsComplete_ReturnsTheApp()
    {
        var handler = new FakeHandler()
            .Enqueue(PipelineFactory.App(5, ("android", "pending"), ("ios", "pending")))
            .Enqueue(PipelineFactory.App(5, ("android", "complete"), ("ios", "pending")))
            .Enqueue(PipelineFactory.App(5, ("android", "complete"), ("ios", "complete")));
        var clock = new ManualPgbClock();

        var app = await PipelineFactory.WaitAsync(handler, clock, 5, Both, Options());

        Assert.AreEqual(5, app.Id);
        Assert.AreEqual(PgbBuildStatus.Complete, app.StatusOf("ios"));
        Assert.HasCount(3, handler.Requests);
        Assert.IsTrue(handler.Requests.All(r => r.Method == HttpMethod.Get && r.Uri.AbsolutePath == "/api/v1/apps/5"));
        Assert.HasCount(2, clock.Delays);
    }

    [TestMethod]
    public async Task Wait_WhenAlreadyComplete_ReturnsWithoutWaiting()
    {
        var handler = new FakeHandler().Enqueue(PipelineFactory.App(5, ("android", "complete")));
        var clock = new ManualPgbClock();

        var app = await PipelineFactory.WaitAsync(handler, clock, 5, Android, Options());

        Assert.AreEqual(PgbBuildStatus.Complete, app.StatusOf("android"));
        Assert.IsEmpty(clock.Delays);
    }

    [TestMethod]
    public async Task Wait_WhenAPlatformErrors_FailsWithPGB3001AndTheServersMessage()
    {
        var handler = new FakeHandler()
            .Enqueue(PipelineFactory.App(5, ("android", "pending"), ("ios", "pending")))
            .Enqueue(PipelineFactory.App(5, [("android", "error"), ("ios", "complete")], [("android", "Keystore was tampered with, or password was incorrect")]));

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.WaitAsync(handler, 5, Both, Options()));

        Assert.AreEqual(PgbErrorCodes.BuildFailed, ex.Code);
        Assert.AreEqual("PGB3001", ex.Code);
        Assert.Contains("Keystore was tampered with, or password was incorrect", ex.Message);
        Assert.Contains("android", ex.Message);
        Assert.Contains("#5", ex.Message);
    }

    [TestMethod]
    public async Task Wait_WhenOnePlatformErrorsWhileAnotherIsPending_FailsAtOnceWithTheServersTextAndNamesThePendingOne()
    {
        // Fail fast: the job fails whatever the other platforms do, so waiting for them only delays the answer
        // (a `null` iOS, not being built, would even hold it until the timeout and hide the error behind PGB3002).
        var handler = new FakeHandler()
            .Enqueue(PipelineFactory.App(5, [("android", "error"), ("ios", "pending")], [("android", "broken")]))
            .Enqueue(PipelineFactory.App(5, [("android", "error"), ("ios", "complete")], [("android", "broken")]));
        var clock = new ManualPgbClock();

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.WaitAsync(handler, clock, 5, Both, Options()));

        Assert.AreEqual(PgbErrorCodes.BuildFailed, ex.Code);
        Assert.HasCount(1, handler.Requests);
        Assert.IsEmpty(clock.Delays);
        Assert.Contains("android: broken", ex.Message);
        Assert.Contains("ios pending", ex.Message);
    }

    [TestMethod]
    public async Task Wait_WhenOnePlatformErrorsWhileAnotherIsNotBeingBuilt_FailsWithPGB3001NotATimeout()
    {
        var handler = new FakeHandler(_ => PipelineFactory.App(5, [("android", "error"), ("ios", null)], [("android", "Gradle build failed")]));

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.WaitAsync(handler, 5, Both, Options(timeoutSeconds: 60)));

        Assert.AreEqual(PgbErrorCodes.BuildFailed, ex.Code);
        Assert.Contains("Gradle build failed", ex.Message);
    }

    [TestMethod]
    public async Task Wait_WhenTimedOut_SaysWhichPlatformsWereStillPending()
    {
        // winphone has a key: its null is a platform waiting for the key to be usable, which the timeout bounds.
        var handler = new FakeHandler(_ => PipelineFactory.AppWithKeys(5, ["winphone"], ("android", "complete"), ("ios", "pending"), ("winphone", null)));

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.WaitAsync(handler, 5, ["android", "ios", "winphone"], Options(timeoutSeconds: 30)));

        Assert.AreEqual(PgbErrorCodes.BuildTimedOut, ex.Code);
        Assert.Contains("still pending: ios (pending), winphone (null)", ex.Message);
        Assert.Contains("android complete", ex.Message, "the last status of every platform is kept");
    }

    [TestMethod]
    public async Task Wait_WithNoPlatform_FailsWithPGB1009InsteadOfSucceedingAtOnce()
    {
        var handler = new FakeHandler();

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.WaitAsync(handler, 5, [], Options()));

        Assert.AreEqual(PgbErrorCodes.NoPlatforms, ex.Code);
        Assert.IsEmpty(handler.Requests);
    }

    [TestMethod]
    public async Task Wait_WithTheSamePlatformTwice_WaitsForItOnce()
    {
        var handler = new FakeHandler().Enqueue(PipelineFactory.App(5, ("android", "complete")));

        var app = await PipelineFactory.WaitAsync(handler, 5, ["android", "android"], Options());

        Assert.AreEqual(5, app.Id);
    }

    [TestMethod]
    [DataRow(double.NaN)]
    [DataRow(double.PositiveInfinity)]
    [DataRow(1e300)]
    [DataRow(0.5)]
    public async Task Wait_WithAnyBackoffFactor_KeepsTheIntervalBetweenThePollIntervalAndTheCap(double factor)
    {
        var handler = new FakeHandler(_ => PipelineFactory.App(5, ("android", "pending")));
        var clock = new ManualPgbClock();
        var options = Options(timeoutSeconds: 120, pollSeconds: 2, maxPollSeconds: 10);
        options.BackoffFactor = factor;

        // On a thread of its own: a zero interval would spin forever on the virtual clock.
        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => Task.Run(() => PipelineFactory.WaitAsync(handler, clock, 5, Android, options)).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.AreEqual(PgbErrorCodes.BuildTimedOut, ex.Code);
        var delays = clock.Delays;
        Assert.IsTrue(delays.Take(delays.Count - 1).All(d => d >= TimeSpan.FromSeconds(2) && d <= TimeSpan.FromSeconds(10)), string.Join(", ", delays));
    }

    [TestMethod]
    public async Task SystemClock_DelayLongerThanTaskDelayAccepts_WaitsInsteadOfThrowing()
    {
        // --poll and --timeout accept weeks; Task.Delay refuses anything over about 49 days.
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAsync<OperationCanceledException>(() => PgbClock.System.Delay(TimeSpan.FromDays(400), cancel.Token));
    }

    /// <summary>null with a key selected: the service waits for the key to be usable, so the wait goes on (skip and null without a key: NotBuiltTests).</summary>
    [TestMethod]
    [DataRow("pending")]
    [DataRow("unknown-status")]
    [DataRow(null)]
    public async Task Wait_WhenStatusNeverFinishes_FailsWithPGB3002AtTheTimeout(string? status)
    {
        var handler = new FakeHandler(_ => PipelineFactory.AppWithKeys(5, ["android"], ("android", status)));
        var clock = new ManualPgbClock();

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.WaitAsync(handler, clock, 5, Android, Options(timeoutSeconds: 120, maxPollSeconds: 10)));

        Assert.AreEqual(PgbErrorCodes.BuildTimedOut, ex.Code);
        Assert.AreEqual("PGB3002", ex.Code);
        Assert.Contains("android " + (status ?? "null"), ex.Message);
        Assert.AreEqual(TimeSpan.FromSeconds(120), clock.Elapsed);
    }

    [TestMethod]
    public async Task Wait_WhenPlatformIsMissingFromStatus_TimesOutInsteadOfHanging()
    {
        var handler = new FakeHandler(_ => PipelineFactory.AppWithKeys(5, ["ios"], ("android", "complete")));
        var clock = new ManualPgbClock();

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.WaitAsync(handler, clock, 5, Both, Options(timeoutSeconds: 60)));

        Assert.AreEqual(PgbErrorCodes.BuildTimedOut, ex.Code);
        Assert.Contains("ios null", ex.Message);
    }

    [TestMethod]
    public async Task Wait_WhileNothingChanges_IntervalsGrowUpToMaxPollInterval()
    {
        var handler = new FakeHandler(_ => PipelineFactory.App(5, ("android", "pending")));
        var clock = new ManualPgbClock();

        await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.WaitAsync(handler, clock, 5, Android, Options(timeoutSeconds: 300, pollSeconds: 2, maxPollSeconds: 10)));

        var delays = clock.Delays;
        Assert.IsGreaterThan(5, delays.Count);
        Assert.AreEqual(TimeSpan.FromSeconds(2), delays[0]);
        Assert.AreEqual(TimeSpan.FromSeconds(3), delays[1]);
        Assert.AreEqual(TimeSpan.FromSeconds(4.5), delays[2]);
        // All but the last (cut short by the deadline) never shrink and stop at the cap.
        var steady = delays.Take(delays.Count - 1).ToList();
        for (var i = 1; i < steady.Count; i++)
        {
            Assert.IsGreaterThanOrEqualTo(steady[i - 1], steady[i], $"delay {i} shrank: {string.Join(", ", delays)}");
        }

        Assert.IsTrue(delays.All(d => d <= TimeSpan.FromSeconds(10)), string.Join(", ", delays));
        Assert.AreEqual(TimeSpan.FromSeconds(10), steady[^1]);
        Assert.AreEqual(TimeSpan.FromSeconds(300), clock.Elapsed);
    }

    [TestMethod]
    public async Task Wait_WhenStatusChanges_IntervalStartsOverAtPollInterval()
    {
        var handler = new FakeHandler()
            .Enqueue(PipelineFactory.App(5, ("android", "pending"), ("ios", "pending")))
            .Enqueue(PipelineFactory.App(5, ("android", "pending"), ("ios", "pending")))
            .Enqueue(PipelineFactory.App(5, ("android", "pending"), ("ios", "pending")))
            .Enqueue(PipelineFactory.App(5, ("android", "complete"), ("ios", "pending")))
            .Enqueue(PipelineFactory.App(5, ("android", "complete"), ("ios", "complete")));
        var clock = new ManualPgbClock();

        await PipelineFactory.WaitAsync(handler, clock, 5, Both, Options(pollSeconds: 2));

        CollectionAssert.AreEqual(
            new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(2) },
            clock.Delays.ToArray());
    }

    [TestMethod]
    public async Task Wait_WhenStatusIsUnknown_KeepsWaiting()
    {
        var handler = new FakeHandler()
            .Enqueue(PipelineFactory.App(5, ("android", "queued")))
            .Enqueue(PipelineFactory.App(5, ("android", "building")))
            .Enqueue(PipelineFactory.App(5, ("android", "complete")));

        var app = await PipelineFactory.WaitAsync(handler, 5, Android, Options());

        Assert.AreEqual(PgbBuildStatus.Complete, app.StatusOf("android"));
        Assert.HasCount(3, handler.Requests);
    }

    [TestMethod]
    public async Task Wait_ReportsProgressOnlyWhenStatusesChange()
    {
        var handler = new FakeHandler()
            .Enqueue(PipelineFactory.App(5, ("android", "pending")))
            .Enqueue(PipelineFactory.App(5, ("android", "pending")))
            .Enqueue(PipelineFactory.App(5, ("android", "complete")));
        var progress = new RecordingProgress();

        await PipelineFactory.WaitAsync(handler, 5, Android, Options(), progress);

        CollectionAssert.AreEqual(new[] { "App #5: android pending", "App #5: android complete" }, progress.Messages.ToArray());
        Assert.AreEqual(PgbStage.Wait, progress.Items[0].Stage);
        Assert.AreEqual("pending", progress.Items[0].Statuses!["android"]);
    }

    [TestMethod]
    public async Task Wait_WhenCanceled_StopsWithOperationCanceled()
    {
        var handler = new FakeHandler(_ => PipelineFactory.App(5, ("android", "pending")));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        await Assert.ThrowsAsync<OperationCanceledException>(
            () => PipelineFactory.WaitAsync(handler, 5, Android, Options(), cancellationToken: cancel.Token));
    }

    [TestMethod]
    [DataRow(0.0, 2.0)]
    [DataRow(60.0, 0.0)]
    [DataRow(-1.0, 2.0)]
    public async Task Wait_WithNonPositiveTiming_FailsWithPGB1008(double timeoutSeconds, double pollSeconds)
    {
        var handler = new FakeHandler();

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.WaitAsync(handler, 5, Android, Options(timeoutSeconds, pollSeconds)));

        Assert.AreEqual(PgbErrorCodes.TimingInvalid, ex.Code);
        Assert.IsEmpty(handler.Requests);
    }
}

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class RecordingProgress : IProgress<PgbProgress>
{
    private readonly List<PgbProgress> _items = [];

    public IReadOnlyList<PgbProgress> Items
    {
        get
        {
            lock (_items)
            {
                return [.. _items];
            }
        }
    }

    public IReadOnlyList<string> Messages => [.. Items.Select(i => i.Message)];

    public void Report(PgbProgress value)
    {
        lock (_items)
        {
            _items.Add(value);
        }
    }
}
