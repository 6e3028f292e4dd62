namespace Pgb.Server.Tests;

[TestClass]
public sealed class AuthTests
{
    [TestMethod]
    public async Task Me_WithWrongToken_Returns401WithJsonError()
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Get, "/api/v1/me", token: "wrong"));
        var byQuery = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/me?auth_token=wrong"));

        Assert.AreEqual(HttpStatusCode.Unauthorized, answer.Status);
        Assert.AreEqual(HttpStatusCode.Unauthorized, byQuery.Status);
        Assert.IsFalse(string.IsNullOrEmpty(answer.Error));
        Assert.IsFalse(string.IsNullOrEmpty(byQuery.Error));
    }

    [TestMethod]
    public async Task Me_WithTokenInQuery_ReturnsTheAccount()
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/me?auth_token=pgb-dev-token"));

        Assert.AreEqual(HttpStatusCode.OK, answer.Status);
        Assert.AreEqual("dev", (string?)answer.Object["username"]);
        Assert.AreEqual("dev@localhost", (string?)answer.Object["email"]);
    }

    [TestMethod]
    public async Task Me_WithTokenAuthorizationHeader_ReturnsTheAccount()
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await harness.GetAsync("/api/v1/me");

        Assert.AreEqual(HttpStatusCode.OK, answer.Status);
        Assert.AreEqual("dev", (string?)answer.Object["username"]);
    }

    [TestMethod]
    [DataRow("dev")]
    [DataRow("dev@localhost")]
    public async Task Me_WithBasicAuthByUserNameOrEmail_ReturnsTheAccount(string login)
    {
        await using var harness = await ServerHarness.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = Basic(login, "dev");

        var answer = await harness.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.OK, answer.Status);
        Assert.AreEqual("dev", (string?)answer.Object["username"]);
    }

    [TestMethod]
    public async Task Me_WithWrongBasicPassword_Returns401WithJsonError()
    {
        await using var harness = await ServerHarness.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = Basic("dev", "nope");

        var answer = await harness.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.Unauthorized, answer.Status);
        Assert.IsFalse(string.IsNullOrEmpty(answer.Error));
    }

    [TestMethod]
    public async Task Build_WithTokenAsFormField_IsAuthenticated()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        var answer = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/apps/{id}/build")
        {
            Content = ServerHarness.UrlEncoded("auth_token=pgb-dev-token&data=%7B%22platforms%22%3A%5B%22android%22%5D%7D"),
        });

        Assert.AreEqual(HttpStatusCode.Accepted, answer.Status, answer.Body);
    }

    [TestMethod]
    [DataRow("/token")]
    [DataRow("/api/v1/token")]
    public async Task Token_WithBasicAuth_ReturnsTheAccountToken(string path)
    {
        await using var harness = await ServerHarness.StartAsync(o => o.Accounts.Add(new PgbAccount("ann", "ann@example.com", "secret", "ann-token")));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(string.Empty) };
        request.Headers.Authorization = Basic("ann@example.com", "secret");

        var answer = await harness.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
        Assert.AreEqual("ann-token", (string?)answer.Object["token"]);
    }

    [TestMethod]
    public async Task ConfiguredAccounts_ReplaceTheDevelopmentAccount()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.Accounts.Add(new PgbAccount("ann", "ann@example.com", "secret", "ann-token")));

        var dev = await harness.GetAsync("/api/v1/me");
        var ann = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Get, "/api/v1/me", token: "ann-token"));

        Assert.AreEqual(HttpStatusCode.Unauthorized, dev.Status);
        Assert.AreEqual("ann", (string?)ann.Object["username"]);
    }

    [TestMethod]
    public async Task GetApp_OfAnotherUser_Returns404NotAvailable()
    {
        await using var harness = await ServerHarness.StartAsync(o =>
        {
            o.Accounts.Add(PgbAccount.Development);
            o.Accounts.Add(new PgbAccount("ann", "ann@example.com", "secret", "ann-token"));
        });
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Get, $"/api/v1/apps/{id}", token: "ann-token"));

        AnswerAssert.IsError(answer, HttpStatusCode.NotFound, $"app #{id} not available");
    }

    private static AuthenticationHeaderValue Basic(string login, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login}:{password}")));
}
