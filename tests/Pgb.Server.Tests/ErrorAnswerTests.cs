namespace Pgb.Server.Tests;

/// <summary>"All failing requests return a JSON-encoded string ... with an appropriate status code": a request the
/// client got wrong is a 4xx, never a 500, and no answer carries a .NET stack trace or type name.</summary>
[TestClass]
public sealed class ErrorAnswerTests
{
    [TestMethod]
    [DataRow("{\"debug\":1e400}")]
    [DataRow("{\"pull\":1e400}")]
    [DataRow("{\"private\":-1e999}")]
    public async Task Update_WithANumberOutOfRangeForAFlag_Returns400OrTakesIt(string data)
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/apps/{id}",
            ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString(data))));

        Assert.IsLessThan(500, (int)answer.Status, answer.Body);
        AssertNoInternals(answer);
    }

    [TestMethod]
    [DataRow("POST", "/api/v1/apps")]
    [DataRow("PUT", "/api/v1/apps/1")]
    [DataRow("POST", "/api/v1/apps/1/build")]
    [DataRow("POST", "/api/v1/apps/1/icon")]
    public async Task TruncatedMultipartBody_Returns400WithJsonError(string method, string path)
    {
        await using var harness = await ServerHarness.StartAsync();
        await harness.CreateFileAppAsync();
        var body = new StringContent("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.zip\"\r\n\r\nPK\u0003\u0004", Encoding.UTF8);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");

        var answer = await harness.SendAsync(ServerHarness.Authorized(new HttpMethod(method), path, body));

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status, answer.Body);
        Assert.AreEqual("application/json", answer.MediaType);
        Assert.IsFalse(string.IsNullOrEmpty(answer.Error));
        AssertNoInternals(answer);
    }

    [TestMethod]
    public async Task Update_WhenOneFieldIsInvalid_ChangesNothing()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.BuildDuration = TimeSpan.FromMilliseconds(50));
        var id = (int)(await harness.CreateFileAppAsync("Original"))["id"]!;
        await harness.WaitForBuildAsync(id, "android");

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/apps/{id}",
            ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString("{\"title\":\"Changed\",\"version\":\"9.9.9\",\"keys\":{\"ios\":\"not-an-id\"}}"))));
        var app = (await harness.GetAsync($"/api/v1/apps/{id}")).Object;

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status, answer.Body);
        Assert.AreEqual("Original", (string?)app["title"]);
        Assert.IsNull(app["version"]);
        Assert.AreEqual(1, (int?)app["build_count"]);
        Assert.AreEqual("complete", (string?)app["status"]!["android"]);
    }

    private static void AssertNoInternals(Answer answer)
    {
        Assert.DoesNotContain("   at ", answer.Body);
        Assert.DoesNotContain("System.", answer.Body);
        Assert.DoesNotContain("Exception", answer.Body);
    }
}
