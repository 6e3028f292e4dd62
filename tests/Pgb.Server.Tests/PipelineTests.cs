using System.Collections.Concurrent;

namespace Pgb.Server.Tests;

[TestClass]
public sealed class PipelineTests
{
    [TestMethod]
    public async Task Jsonp_WithCallback_WrapsTheJsonInTheFunction()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.Accounts.Add(new PgbAccount("ann", "ann@example.com", "secret", "ann-token")));

        var answer = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/me?auth_token=ann-token&callback=exec"));

        Assert.AreEqual(HttpStatusCode.OK, answer.Status);
        Assert.StartsWith("exec({", answer.Body);
        Assert.EndsWith("})", answer.Body);
        var json = JsonNode.Parse(answer.Body["exec(".Length..^1])!;
        Assert.AreEqual("ann", (string?)json["username"]);
    }

    [TestMethod]
    public async Task Jsonp_WithCallbackThatIsNotAnIdentifier_Returns400()
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await harness.GetAsync("/api/v1/me?callback=alert(1)");

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status);
    }

    [TestMethod]
    [DataRow("/api/v1/keys")]
    [DataRow("/api/v1/keys//")]
    public async Task Keys_Listing_HasEveryGroupTheClientsRead(string path)
    {
        await using var harness = await ServerHarness.StartKeylessAsync();

        var answer = await harness.GetAsync(path);

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
        var keys = answer.Object["keys"]!;
        foreach (var group in new[] { "ios", "android", "blackberry", "windows", "winphone" })
        {
            Assert.IsEmpty(keys[group]!["all"]!.AsArray(), group);
            Assert.AreEqual($"/api/v1/keys/{group}", (string?)keys[group]!["link"]);
        }

        Assert.AreEqual("/api/v1/keys", (string?)answer.Object["link"]);
    }

    [TestMethod]
    public async Task Keys_OfOnePlatform_ListsThatPlatform()
    {
        await using var harness = await ServerHarness.StartKeylessAsync();

        var answer = await harness.GetAsync("/api/v1/keys/ios");
        var missing = await harness.GetAsync("/api/v1/keys/ios/8989898");

        Assert.AreEqual(HttpStatusCode.OK, answer.Status);
        Assert.IsEmpty(answer.Object["keys"]!.AsArray());
        AnswerAssert.IsError(missing, HttpStatusCode.NotFound, "could not find ios key #8989898");
    }

    [TestMethod]
    public async Task Me_HasTheSpecShapeWithLinks()
    {
        await using var harness = await ServerHarness.StartAsync();
        await harness.CreateFileAppAsync("Listed");

        var me = (await harness.GetAsync("/api/v1/me")).Object;

        Assert.AreEqual("/api/v1/me", (string?)me["link"]);
        Assert.AreEqual("/api/v1/apps", (string?)me["apps"]!["link"]);
        Assert.AreEqual("Listed", (string?)me["apps"]!["all"]![0]!["title"]);
        Assert.AreEqual("/api/v1/keys", (string?)me["keys"]!["link"]);
        Assert.AreEqual("/api/v1/keys/android", (string?)me["keys"]!["android"]!["link"]);
    }

    [TestMethod]
    [DataRow("/api/v1/me")]
    [DataRow("/api/v1")]
    public async Task Me_HasTheTimestampsOfTheBasicAuthExample(string path)
    {
        await using var harness = await ServerHarness.StartAsync();

        var me = (await harness.GetAsync(path)).Object;

        foreach (var field in new[] { "created_at", "updated_at" })
        {
            var value = (string?)me[field];
            Assert.IsNotNull(value, field);
            Assert.IsTrue(DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out _), $"{field}: {value}");
        }
    }

    [TestMethod]
    public async Task Keys_Listing_HoldsOnlyPlatformGroupsUnderKeys()
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await harness.GetAsync("/api/v1/keys");

        // The Read API's /keys example keeps "link" beside "keys", not in it: clients iterate the groups.
        foreach (var (group, value) in answer.Object["keys"]!.AsObject())
        {
            Assert.IsInstanceOfType<JsonObject>(value, group);
            Assert.IsInstanceOfType<JsonArray>(value["all"], group);
        }
    }

    [TestMethod]
    public async Task ChunkedUpload_ToAppEndpoint_Returns411()
    {
        await using var harness = await ServerHarness.StartAsync();
        var request = ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", new StreamContent(new MemoryStream(Zips.App("Chunked"))));
        request.Headers.TransferEncodingChunked = true;

        var answer = await harness.SendAsync(request);

        AnswerAssert.IsError(answer, HttpStatusCode.LengthRequired, "Length Required");
    }

    [TestMethod]
    public async Task RequestCount_CountsEveryRequestIncludingRejectedOnes()
    {
        await using var harness = await ServerHarness.StartAsync();
        Assert.AreEqual(0, harness.Server.RequestCount);

        await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/me"));
        await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/nowhere"));
        await harness.GetAsync("/api/v1/me?auth_token=pgb-dev-token");

        Assert.AreEqual(3, harness.Server.RequestCount);
        var requests = harness.Server.Requests;
        Assert.HasCount(3, requests);
        Assert.AreEqual(401, requests[0].Status);
        Assert.AreEqual("/api/v1/me?auth_token=***", requests[2].Path);
    }

    [TestMethod]
    public async Task Log_ReceivesOneLinePerRequestWithoutTheToken()
    {
        var lines = new ConcurrentQueue<string>();
        await using var harness = await ServerHarness.StartAsync(o => o.Log = lines.Enqueue);

        await harness.GetAsync("/api/v1/me?auth_token=pgb-dev-token");

        Assert.HasCount(1, lines);
        Assert.StartsWith("GET /api/v1/me?auth_token=*** 200", lines.Single());
    }

    [TestMethod]
    public async Task ForwardedHeaders_ChangeTheDownloadLocationToTheProxy()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.AllowedHosts.Add("pgb.example.com"));
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        await harness.WaitForBuildAsync(id, "android");
        var request = ServerHarness.Authorized(HttpMethod.Get, $"/api/v1/apps/{id}/android");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "pgb.example.com");

        var answer = await harness.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.Found, answer.Status, answer.Body);
        Assert.AreEqual("https", answer.Location!.Scheme);
        Assert.AreEqual("pgb.example.com", answer.Location.Authority);
        Assert.StartsWith("https://pgb.example.com/storage/", (string?)answer.Object["location"]);
    }

    /// <summary>Whatever refuses a request (authentication, routing, the method), the answer is a JSON error document.</summary>
    [TestMethod]
    [DataRow("GET", "/api/v1/me", false, HttpStatusCode.Unauthorized, DisplayName = "Me_WithoutCredentials_Returns401WithJsonError")]
    [DataRow("GET", "/api/v1/nothing/here", true, HttpStatusCode.NotFound, DisplayName = "UnknownRoute_Returns404WithJsonError")]
    [DataRow("PATCH", "/api/v1/me", true, HttpStatusCode.MethodNotAllowed, DisplayName = "WrongMethod_Returns405WithJsonError")]
    public async Task Refusal_IsAJsonError(string method, string path, bool authorized, HttpStatusCode status)
    {
        await using var harness = await ServerHarness.StartAsync();
        var request = authorized ? ServerHarness.Authorized(new HttpMethod(method), path) : new HttpRequestMessage(new HttpMethod(method), path);

        var answer = await harness.SendAsync(request);

        Assert.AreEqual(status, answer.Status);
        Assert.AreEqual("application/json", answer.MediaType);
        Assert.IsFalse(string.IsNullOrEmpty(answer.Error));
    }

    [TestMethod]
    public async Task Server_BindsLoopbackAndReportsTheRealPort()
    {
        await using var harness = await ServerHarness.StartAsync();

        Assert.AreEqual("127.0.0.1", harness.Server.BaseUri.Host);
        Assert.AreNotEqual(0, harness.Server.BaseUri.Port);
    }
}
