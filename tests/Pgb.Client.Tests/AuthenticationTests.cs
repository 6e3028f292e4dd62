namespace Pgb.Client.Tests;

[TestClass]
public sealed class AuthenticationTests
{
    [TestMethod]
    public async Task GetApp_WithTokenCredential_AddsAuthTokenQueryParameterAndNoAuthorizationHeader()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":5,"title":"Demo"}"""));
        using var client = TestClients.Create(handler);

        var app = await client.GetAppAsync(5);

        Assert.AreEqual(5, app.Id);
        var request = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Get, request.Method);
        Assert.AreEqual("/api/v1/apps/5", request.Uri.AbsolutePath);
        Assert.AreEqual(TestClients.Token, request.QueryParameters["auth_token"]);
        Assert.Contains("auth_token=s3cr3t%2BT0k%2Fen%3D", request.Uri.AbsoluteUri);
        Assert.IsNull(request.Header("Authorization"));
    }

    [TestMethod]
    public async Task GetMe_WithBasicCredential_SetsBasicAuthorizationHeaderAndNoAuthToken()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":1,"username":"dev"}"""));
        using var client = TestClients.Create(handler, PgbCredential.FromBasic("dev@localhost", "p@ss:word"));

        var me = await client.GetMeAsync();

        Assert.AreEqual("dev", me.UserName);
        var request = handler.Requests.Single();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("dev@localhost:p@ss:word"));
        Assert.AreEqual(expected, request.Header("Authorization"));
        Assert.IsNull(request.QueryParameters["auth_token"]);
        Assert.AreEqual("/api/v1/me", request.PathAndQuery);
    }

    [TestMethod]
    public async Task RequestToken_WithBasicCredential_PostsToTokenUrlAndReturnsToken()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"token":"abc123"}"""));
        using var client = TestClients.Create(handler, PgbCredential.FromBasic("dev", "dev"));

        var token = await client.RequestTokenAsync();

        Assert.AreEqual("abc123", token);
        var request = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Post, request.Method);
        Assert.AreEqual("/token", request.PathAndQuery);
        Assert.AreEqual(0L, request.ContentLength);
    }

    [TestMethod]
    [DataRow("""{"token":{"value":"abc"}}""")]
    [DataRow("""{"token":""}""")]
    [DataRow("""{}""")]
    [DataRow("")]
    public async Task RequestToken_WhenTheAnswerHasNoTokenString_ThrowsRequestFailed(string body)
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, body));
        using var client = TestClients.Create(handler, PgbCredential.FromBasic("dev", "dev"));

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.RequestTokenAsync());

        Assert.AreEqual(200, ex.Status);
        Assert.AreEqual("POST", ex.Method);
    }

    [TestMethod]
    public void DefaultHandler_FollowsNoRedirectAndKeepsNoCookies()
    {
        // Redirects are read by the client so the storage host never sees the token; a cookie jar would
        // still hand it whatever session the API set, and a token-authenticated client has no use for one.
        using var handler = PgbClient.CreateDefaultHandler();

        Assert.IsFalse(handler.AllowAutoRedirect);
        Assert.IsFalse(handler.UseCookies);
        Assert.IsNull(handler.Credentials);
    }

    [TestMethod]
    public void CredentialToString_NeverShowsTheSecret()
    {
        var token = PgbCredential.FromToken(TestClients.Token).ToString();
        var basic = PgbCredential.FromBasic("dev", "hunter2").ToString();

        Assert.DoesNotContain(TestClients.Token, token);
        Assert.DoesNotContain("hunter2", basic);
        Assert.Contains("dev", basic);
    }

    [TestMethod]
    public void Redact_ReplacesAuthTokenValueWithStars()
    {
        var redacted = PgbRedaction.Redact("https://build.example/api/v1/apps/5?x=1&auth_token=abc%2Bdef&y=2");

        Assert.AreEqual("https://build.example/api/v1/apps/5?x=1&auth_token=***&y=2", redacted);
    }
}
