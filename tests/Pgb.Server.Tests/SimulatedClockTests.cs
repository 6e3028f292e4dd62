namespace Pgb.Server.Tests;

/// <summary>Every simulated build ends by itself: clients must never be able to wait on this server forever.</summary>
[TestClass]
public sealed class SimulatedClockTests
{
    [TestMethod]
    public async Task Build_WhenTheWallClockIsSetBack_StillFinishesAfterItsDuration()
    {
        var clock = new ManualClock();
        await using var harness = await ServerHarness.StartAsync(o => o.BuildDuration = TimeSpan.FromMinutes(1), clock);
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        clock.SetWallClock(clock.GetUtcNow() - TimeSpan.FromDays(1));
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var app = (await harness.GetAsync($"/api/v1/apps/{id}")).Object;

        Assert.AreEqual("complete", (string?)app["status"]!["android"]);
    }

    [TestMethod]
    public async Task Build_WithAnEndlessDuration_FinishesWithinTheCap()
    {
        var clock = new ManualClock();
        await using var harness = await ServerHarness.StartAsync(o => o.BuildDuration = TimeSpan.MaxValue, clock);
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        var pending = (await harness.GetAsync($"/api/v1/apps/{id}")).Object;

        clock.Advance(PgbSimulation.MaxBuildDuration);
        var app = (await harness.GetAsync($"/api/v1/apps/{id}")).Object;
        var download = await harness.GetAsync($"/api/v1/apps/{id}/android");

        Assert.AreEqual("pending", (string?)pending["status"]!["android"]);
        Assert.AreEqual("complete", (string?)app["status"]!["android"]);
        Assert.AreEqual(HttpStatusCode.Found, download.Status, download.Body);
        Assert.AreEqual(PgbSimulation.MaxBuildDuration, harness.Server.Simulation.BuildDuration);
    }

    [TestMethod]
    public async Task Build_WhoseDurationIsRaisedAtRunTimeBeyondTheCap_StillFinishes()
    {
        var clock = new ManualClock();
        await using var harness = await ServerHarness.StartAsync(time: clock);
        harness.Server.Simulation.BuildDuration = TimeSpan.FromDays(365);
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        clock.Advance(PgbSimulation.MaxBuildDuration);
        var status = (await harness.GetAsync($"/api/v1/apps/{id}/status")).Object;

        Assert.IsTrue((bool?)status["completed"]);
    }
}
