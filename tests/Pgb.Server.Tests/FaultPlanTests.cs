namespace Pgb.Server.Tests;

/// <summary>The fault plan's rules as an API: what is refused when added (a typo must not silently match nothing),
/// what is capped (no rule may hang a test), and how rules are used up.</summary>
[TestClass]
public sealed class FaultPlanTests
{
    [TestMethod]
    [DataRow(200)]
    [DataRow(302)]
    [DataRow(600)]
    public async Task AddStatus_OutsideTheErrorRange_Throws(int status)
    {
        await using var harness = await ServerHarness.StartAsync();

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => harness.Server.Simulation.Faults.AddStatus("GET", "api", status));
    }

    [TestMethod]
    public async Task Add_WithBadArguments_ThrowsAndAddsNothing()
    {
        await using var harness = await ServerHarness.StartAsync();
        var faults = harness.Server.Simulation.Faults;

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => faults.AddAbort("GET", "api", times: 0));
        Assert.ThrowsExactly<ArgumentException>(() => faults.AddAbort("GET", "apps"));
        Assert.ThrowsExactly<ArgumentException>(() => faults.AddAbort("G T", "/api"));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => faults.AddStatus("GET", "api", 503, retryAfterSeconds: -1));
        Assert.ThrowsExactly<ArgumentException>(() => faults.AddBodyCut("/api/v1/apps", 10), "only storage downloads have a body to cut");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => faults.AddBodyCut("storage", -1));
        Assert.IsEmpty(faults.Rules);
    }

    [TestMethod]
    public async Task Add_NormalizesMethodAndPath()
    {
        await using var harness = await ServerHarness.StartAsync();
        var faults = harness.Server.Simulation.Faults;

        var any = faults.AddAbort("*", "STORAGE");
        var get = faults.AddAbort("get", "/api//v1/apps/");

        Assert.IsNull(any.Method);
        Assert.AreEqual("/storage", any.PathPrefix);
        Assert.AreEqual("GET", get.Method);
        Assert.AreEqual("/api/v1/apps", get.PathPrefix);
    }

    [TestMethod]
    public async Task Delays_AboveTheMaximum_AreCapped_SoNoRuleCanHangATest()
    {
        await using var harness = await ServerHarness.StartAsync();
        var faults = harness.Server.Simulation.Faults;

        var latency = faults.AddLatency("GET", "api", TimeSpan.FromHours(2));
        var negative = faults.AddLatency("GET", "api", TimeSpan.FromSeconds(-5));
        var retryAfter = faults.AddStatus("GET", "api", 429, retryAfterSeconds: 86_400);

        Assert.AreEqual(TimeSpan.FromSeconds(60), PgbFaultPlan.MaxDelay);
        Assert.AreEqual(PgbFaultPlan.MaxDelay, latency.Latency);
        Assert.AreEqual(TimeSpan.Zero, negative.Latency);
        Assert.AreEqual(60, retryAfter.RetryAfterSeconds);
    }

    [TestMethod]
    public async Task AddStatus_WithoutMessage_UsesTheReasonPhrase()
    {
        await using var harness = await ServerHarness.StartAsync();

        var rule = harness.Server.Simulation.Faults.AddStatus("GET", "api", 502);

        Assert.AreEqual("Bad Gateway", rule.Message);
        Assert.AreEqual(1, rule.Times);
        Assert.AreEqual(1, rule.Remaining);
        Assert.AreEqual("status 502", rule.Action);
    }

    [TestMethod]
    public async Task Clear_RemovesEveryRule_AndRequestsAreServedAgain()
    {
        await using var harness = await ServerHarness.StartAsync();
        harness.Server.Simulation.Faults.AddStatus("GET", "api", 503, times: 5);

        harness.Server.Simulation.Faults.Clear();
        var answer = await harness.GetAsync("/api/v1/me");

        Assert.IsEmpty(harness.Server.Simulation.Faults.Rules);
        Assert.AreEqual(System.Net.HttpStatusCode.OK, answer.Status);
    }
}
