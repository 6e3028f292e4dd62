namespace Pgb.Server.Tests;

/// <summary>A page on any site can include <c>&lt;script src="http://127.0.0.1:PORT/api/v1/me?callback=f"&gt;</c>, and the
/// browser sends along whatever Basic credentials it cached for the server. JSONP is therefore answered only to a token
/// the page had to know, and never with a challenge that would make the browser ask for credentials.</summary>
[TestClass]
public sealed class JsonpSecurityTests
{
    private static readonly PgbAccount Ann = new("ann", "ann@example.com", "secret", "ann-token");

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task Jsonp_WithValidBasicCredentials_IsRefusedWithoutAChallenge(bool persisted)
    {
        using var data = new TempDirectory();
        await using var harness = await ServerHarness.StartAsync(o =>
        {
            o.Accounts.Add(Ann);
            o.DataDirectory = persisted ? data.Path : null;
        });
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me?callback=steal");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ann:secret")));

        using var response = await harness.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.IsEmpty(response.Headers.WwwAuthenticate);
        Assert.AreEqual("steal({\"error\":\"A JSONP request (callback) must carry an auth_token: Basic credentials are not accepted with callback.\"})", body);
        Assert.DoesNotContain("ann@example.com", body);
    }

    [TestMethod]
    public async Task Jsonp_WithoutCredentials_IsRefusedWithoutAChallenge()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.Accounts.Add(Ann));

        using var jsonp = await harness.Http.GetAsync("/api/v1/apps?callback=f");
        using var plain = await harness.Http.GetAsync("/api/v1/apps");

        Assert.AreEqual(HttpStatusCode.Unauthorized, jsonp.StatusCode);
        Assert.IsEmpty(jsonp.Headers.WwwAuthenticate);
        Assert.AreEqual(HttpStatusCode.Unauthorized, plain.StatusCode);
        Assert.AreEqual("Basic realm=\"PhoneGap Build\"", plain.Headers.WwwAuthenticate.ToString(), "only JSONP goes without the challenge");
    }

    [TestMethod]
    public async Task Jsonp_WithTheDevelopmentToken_IsRefused()
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/me?auth_token=pgb-dev-token&callback=f"));
        var plain = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/me?auth_token=pgb-dev-token"));

        Assert.AreEqual(HttpStatusCode.Forbidden, answer.Status);
        Assert.StartsWith("f({\"error\":\"JSONP (callback) is not answered for the development account", answer.Body);
        Assert.DoesNotContain("dev@localhost", answer.Body);
        Assert.AreEqual(HttpStatusCode.OK, plain.Status, "without callback the token works as ever");
    }

    [TestMethod]
    public async Task Jsonp_WithAnAccountsToken_IsAnswered()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.Accounts.Add(Ann));

        var answer = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/apps?auth_token=ann-token&callback=f"));

        Assert.AreEqual(HttpStatusCode.OK, answer.Status);
        Assert.StartsWith("f({\"apps\":[]", answer.Body);
    }
}
