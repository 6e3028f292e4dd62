namespace Pgb.Server.Tests;

/// <summary>GET /health: what a process supervisor, a container or a test harness waits on. No credentials.</summary>
[TestClass]
public sealed class HealthTests
{
    [TestMethod]
    public async Task Health_AnswersOkVersionAndUptime_WithoutCredentials()
    {
        var clock = new ManualClock();
        await using var harness = await ServerHarness.StartAsync(time: clock);
        clock.Advance(TimeSpan.FromSeconds(90));

        using var answer = await harness.Http.GetAsync("/health");
        var body = System.Text.Json.Nodes.JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;

        Assert.AreEqual(HttpStatusCode.OK, answer.StatusCode);
        Assert.AreEqual("application/json", answer.Content.Headers.ContentType?.MediaType);
        Assert.AreEqual("ok", (string?)body["status"]);
        Assert.IsFalse(string.IsNullOrWhiteSpace((string?)body["version"]));
        Assert.AreEqual(90, (long)body["uptime"]!, "seconds since the start");
        Assert.IsEmpty(answer.Headers.WwwAuthenticate);
        Assert.IsFalse(harness.Server.Requests.Single().CarriedCredentials);
    }

    [TestMethod]
    public async Task Health_AnswersHead_AndOnlyReads()
    {
        await using var harness = await ServerHarness.StartAsync();

        using var head = await harness.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/health"));
        using var post = await harness.Http.PostAsync("/health", new StringContent(string.Empty));

        Assert.AreEqual(HttpStatusCode.OK, head.StatusCode);
        Assert.AreEqual(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }
}
