namespace Pgb.Integration.Tests;

/// <summary>The client's retry policy against faults the server injects over real sockets. Each test pins the exact
/// number of requests, so a client that retries too much, too little, or the wrong method fails it.</summary>
[TestClass]
public sealed class ClientRetryTests : IntegrationTest
{
    [TestMethod]
    public async Task GetApp_AfterTwo503s_SucceedsOnTheThirdRequest()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions());
        var id = await FaultTestKit.CreateAppAsync(server, Temp.Path);
        var rule = server.Simulation.Faults.AddStatus("GET", $"/api/v1/apps/{id}", 503, times: 2);
        using var client = FaultTestKit.Client(server);

        var app = await client.GetAppAsync(id);

        Assert.AreEqual(id, app.Id);
        CollectionAssert.AreEqual(new[] { 503, 503, 200 }, server.RequestsTo("GET", $"/api/v1/apps/{id}").Select(r => r.Status).ToArray());
        Assert.AreEqual(2, rule.Applied);
    }

    [TestMethod]
    public async Task GetApp_AfterFour503s_ExhaustsThreeRetries_AndSurfacesTheServersMessage()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions());
        var id = await FaultTestKit.CreateAppAsync(server, Temp.Path);
        // Five available: a client retrying once too often would get the fifth 503 and still fail, but the count shows it.
        var rule = server.Simulation.Faults.AddStatus("GET", $"/api/v1/apps/{id}", 503, times: 5, message: "maintenance window");
        using var client = FaultTestKit.Client(server);

        var error = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(id));

        Assert.AreEqual(503, error.Status);
        Assert.AreEqual("maintenance window", error.ErrorMessage);
        Assert.AreEqual(4, server.RequestsTo("GET", $"/api/v1/apps/{id}").Length, "one attempt and three retries");
        Assert.AreEqual(4, rule.Applied);
    }

    [TestMethod]
    public async Task GetMe_On429WithRetryAfter_WaitsForTheServerBeforeRetrying()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions());
        server.Simulation.Faults.AddStatus("GET", "/api/v1/me", 429, retryAfterSeconds: 1);
        // Its own back-off would retry after ~10 ms; only Retry-After (allowed up to 10 s here) holds it for a second.
        using var client = FaultTestKit.Client(server, maxDelay: TimeSpan.FromSeconds(10));

        var call = client.GetMeAsync();
        while (server.RequestsTo("GET", "/api/v1/me").Length == 0)
        {
            await Task.Delay(5);
        }

        // Well inside the second the server asked for, and far beyond the client's own 10 ms: no retry may have come yet.
        await Task.Delay(300);
        var before = server.RequestsTo("GET", "/api/v1/me");
        var stillWaiting = !call.IsCompleted;
        var me = await call;

        Assert.IsTrue(stillWaiting, "the client must still be waiting out Retry-After");
        Assert.HasCount(1, before);
        Assert.AreEqual("dev", me.UserName);
        CollectionAssert.AreEqual(new[] { 429, 200 }, server.RequestsTo("GET", "/api/v1/me").Select(r => r.Status).ToArray());
    }

    [TestMethod]
    public async Task CreateApp_On500_IsNotRetried_SoNoAppIsCreatedTwice()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions());
        var www = Temp.Combine("www");
        Temp.WriteFile("www/index.html", "<html></html>");
        var archive = Temp.Combine("app.zip");
        System.IO.Compression.ZipFile.CreateFromDirectory(www, archive);
        // Only one 500: a client that retried the POST would succeed and create the app.
        server.Simulation.Faults.AddStatus("POST", "/api/v1/apps", 500, times: 1, message: "the database is on fire");
        using var client = FaultTestKit.Client(server);

        var error = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(
            () => client.CreateAppFromFileAsync(new PgbAppCreateOptions { Title = "Once" }, archive));

        Assert.AreEqual(500, error.Status);
        Assert.AreEqual("the database is on fire", error.ErrorMessage);
        Assert.HasCount(1, server.RequestsTo("POST", "/api/v1/apps"));
        Assert.IsEmpty(await client.GetAppsAsync());
    }

    [TestMethod]
    public async Task GetMe_WhenTheConnectionIsDropped_IsRetried()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions());
        server.Simulation.Faults.AddAbort("GET", "/api/v1/me");
        using var client = FaultTestKit.Client(server);

        var me = await client.GetMeAsync();

        Assert.AreEqual("dev", me.UserName);
        var requests = server.RequestsTo("GET", "/api/v1/me");
        CollectionAssert.AreEqual(new[] { 0, 200 }, requests.Select(r => r.Status).ToArray());
        Assert.AreEqual("abort (1 of 1)", requests[0].Fault);
    }

    [TestMethod]
    public async Task GetMe_WhenTheConnectionIsDropped_AndRetriesAreOff_FailsWithNoAnswer()
    {
        // The counterpart of the test above: proves the abort reaches the client (nothing below it resends the
        // request), so the success there is the client's retry.
        await using var server = await PgbServer.StartAsync(new PgbServerOptions());
        server.Simulation.Faults.AddAbort("GET", "/api/v1/me");
        using var client = FaultTestKit.Client(server, maxRetries: 0);

        var error = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetMeAsync());

        Assert.AreEqual(0, error.Status);
        Assert.IsTrue(error.IsTransient);
        Assert.HasCount(1, server.RequestsTo("GET", "/api/v1/me"));
    }
}
