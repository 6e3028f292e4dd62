using System.Net.Sockets;

namespace Pgb.Server.Tests;

/// <summary>The faults real networks and front ends produce, as a client sees them over a socket: HTML error pages, an
/// error inside a 200, a reset connection, a body that stalls, an empty file.</summary>
[TestClass]
public sealed class RealWorldFaultTests
{
    [TestMethod]
    public async Task HtmlError_AnswersAProxysPage_WithRetryAfter()
    {
        await using var harness = await ServerHarness.StartAsync();
        var rule = harness.Server.Simulation.Faults.AddHtmlError("POST", "/api/v1/apps", 504, retryAfterSeconds: 3);

        using var response = await harness.Http.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", new StringContent("")));
        var page = await response.Content.ReadAsStringAsync();

        Assert.AreEqual(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.AreEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.AreEqual(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        Assert.Contains("<title>504 Gateway Timeout</title>", page);
        Assert.AreEqual("html 504 retry-after 3 (1 of 1)", harness.Server.Requests.Single().Fault);
        Assert.AreEqual(1, rule.Applied);
    }

    [TestMethod]
    public async Task ErrorInOk_Answers200WithAnErrorObject()
    {
        await using var harness = await ServerHarness.StartAsync();
        harness.Server.Simulation.Faults.AddErrorInOk("GET", "/api/v1/apps", "app could not be loaded");

        var answer = await harness.GetAsync("/api/v1/apps");
        var next = await harness.GetAsync("/api/v1/apps");

        Assert.AreEqual(HttpStatusCode.OK, answer.Status);
        Assert.AreEqual("application/json", answer.MediaType);
        Assert.IsTrue(JsonNode.DeepEquals(new JsonObject { ["error"] = "app could not be loaded" }, answer.Object), answer.Body);
        Assert.IsNotNull(next.Object["apps"]);
        Assert.AreEqual("error in 200 (1 of 1)", harness.Server.Requests[0].Fault);
    }

    [TestMethod]
    public async Task Reset_ResetsTheConnection_AndIsRecordedAsStatusZero()
    {
        await using var harness = await ServerHarness.StartAsync();
        harness.Server.Simulation.Faults.AddReset("GET", "/api/v1/me");
        await using var raw = await RawHttp.ConnectAsync(harness.Server.BaseUri);

        await raw.SendAsync("GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        var e = await Assert.ThrowsAsync<IOException>(async () =>
        {
            var buffer = new byte[1024];
            while (await raw.Stream.ReadAsync(buffer) > 0)
            {
            }
        });

        Assert.AreEqual(SocketError.ConnectionReset, (e.InnerException as SocketException)?.SocketErrorCode, e.ToString());
        Assert.AreEqual(new PgbRecordedRequest("GET", "/api/v1/me", 0) { Fault = "reset (1 of 1)", Port = harness.Server.BaseUri.Port }, harness.Server.Requests.Single());
    }

    /// <summary>The stall (a minute) outlasts the client's patience by far: it sees the headers and five bytes, then
    /// nothing.</summary>
    [TestMethod]
    public async Task Stall_SendsTheHeadersAndFirstBytes_ThenNothing()
    {
        await using var harness = await ServerHarness.StartAsync();
        harness.Server.Simulation.Faults.AddStall("GET", "/api/v1/me", afterBytes: 5, TimeSpan.FromMinutes(1));
        await using var raw = await RawHttp.ConnectAsync(harness.Server.BaseUri);

        await raw.SendAsync("GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: token pgb-dev-token\r\n\r\n");
        var received = await raw.ReadToCloseAsync(TimeSpan.FromSeconds(2));

        StringAssert.StartsWith(received, "HTTP/1.1 200 OK");
        Assert.AreEqual("{\"id\"", received[(received.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }

    [TestMethod]
    public async Task Stall_ThenSendsTheRest()
    {
        await using var harness = await ServerHarness.StartAsync();
        var normal = await harness.GetAsync("/api/v1/me");
        harness.Server.Simulation.Faults.AddStall("GET", "/api/v1/me", afterBytes: 5, TimeSpan.FromMilliseconds(300));

        var stalled = await harness.GetAsync("/api/v1/me");

        Assert.AreEqual(normal.Body, stalled.Body);
        Assert.AreEqual("stall after 5 bytes for 300ms (1 of 1)", harness.Server.Requests[1].Fault);
    }

    [TestMethod]
    public async Task EmptyBody_OnADownload_SendsAnEmptyFileOnce()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        await harness.WaitForBuildAsync(id, "android");
        var location = (await harness.GetAsync($"/api/v1/apps/{id}/android")).Location!;
        harness.Server.Simulation.Faults.AddEmptyBody("GET", "storage");

        using var empty = await harness.Http.GetAsync(location);
        var whole = await harness.Http.GetByteArrayAsync(location);

        Assert.AreEqual(HttpStatusCode.OK, empty.StatusCode);
        Assert.AreEqual(0L, empty.Content.Headers.ContentLength);
        Assert.AreEqual("application/vnd.android.package-archive", empty.Content.Headers.ContentType?.MediaType);
        Assert.IsEmpty(await empty.Content.ReadAsByteArrayAsync());
        CollectionAssert.AreEqual(harness.Server.GetArtifact(id, "android"), whole);
    }

    [TestMethod]
    public void Rules_OfTheNewKinds_CheckTheirArgumentsWhenAdded()
    {
        var faults = new PgbSimulation(TimeSpan.Zero, []).Faults;

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => faults.AddHtmlError("GET", "api", 302));
        Assert.ThrowsExactly<ArgumentException>(() => faults.AddErrorInOk("GET", "api", ""));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => faults.AddStall("GET", "api", -1, TimeSpan.FromSeconds(1)));
        Assert.AreEqual(PgbFaultPlan.MaxDelay, faults.AddStall("GET", "api", 0, TimeSpan.FromHours(1)).Latency);
        Assert.AreEqual("empty body", faults.AddEmptyBody("*", "storage").Action);
        Assert.AreEqual(PgbFaultKind.Reset, faults.AddReset("GET", "api").Kind);
    }
}
