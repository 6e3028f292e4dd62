namespace Pgb.Server.Tests;

/// <summary>DNS rebinding: a page at http://evil.example:PORT whose name resolves to 127.0.0.1 reaches the server, with
/// its own name in Host. Only the names the server serves are answered.</summary>
[TestClass]
public sealed class HostTests
{
    [TestMethod]
    [DataRow("/api/v1/me", false)]
    [DataRow("/", false)]
    [DataRow("/storage/0123456789abcdef0123456789abcdef/app.apk", false)]
    [DataRow("/api/v1/me", true)]
    public async Task Request_ForAForeignHost_IsRefused(string path, bool persisted)
    {
        using var data = new TempDirectory();
        await using var harness = await ServerHarness.StartAsync(o => o.DataDirectory = persisted ? data.Path : null);
        var request = ServerHarness.Authorized(HttpMethod.Get, path);
        request.Headers.Host = $"evil.example:{harness.Server.BaseUri.Port}";

        var answer = await harness.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status, answer.Body);
        StringAssert.StartsWith(answer.Error, "Host 'evil.example' is not served here");
        Assert.AreEqual(400, harness.Server.Requests.Single().Status, "refused requests are recorded");
    }

    [TestMethod]
    [DataRow("127.0.0.1")]
    [DataRow("localhost")]
    [DataRow("LOCALHOST")]
    [DataRow("[::1]")]
    public async Task Request_ForALocalName_IsServed(string host)
    {
        await using var harness = await ServerHarness.StartAsync();
        var request = ServerHarness.Authorized(HttpMethod.Get, "/api/v1/me");
        request.Headers.Host = $"{host}:{harness.Server.BaseUri.Port}";

        var answer = await harness.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
    }

    [TestMethod]
    public async Task Request_ForAnAllowedHost_IsServedAndLinksPointThere()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.AllowedHosts.Add("build.example.com"));
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        await harness.WaitForBuildAsync(id, "android");
        var request = ServerHarness.Authorized(HttpMethod.Get, $"/api/v1/apps/{id}/android");
        request.Headers.Host = "build.example.com";

        var answer = await harness.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.Found, answer.Status, answer.Body);
        Assert.AreEqual("build.example.com", answer.Location!.Authority);
    }

    [TestMethod]
    public async Task ForwardedHost_NotAllowed_IsRefused()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.AllowedHosts.Add("build.example.com"));
        var request = ServerHarness.Authorized(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("X-Forwarded-Host", "evil.example");

        var answer = await harness.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status, answer.Body);
        StringAssert.StartsWith(answer.Error, "X-Forwarded-Host 'evil.example' is not served here");
    }

    [TestMethod]
    [DataRow("http://build.example.com")]
    [DataRow("build.example.com:443")]
    [DataRow("build.example.com/path")]
    [DataRow(" ")]
    public async Task AllowedHosts_HoldingSomethingElseThanAName_FailsToStart(string host)
    {
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => ServerHarness.StartAsync(o => o.AllowedHosts.Add(host)));
    }
}
