using System.Net;
using Pgb.Testing;

namespace Pgb.Client.Tests;

[TestClass]
public sealed class ErrorMappingTests
{
    [TestMethod]
    [DataRow(HttpStatusCode.Unauthorized, "Invalid authentication token.")]
    [DataRow(HttpStatusCode.NotFound, "app #5 not found")]
    [DataRow(HttpStatusCode.BadRequest, "Title can't be blank")]
    public async Task GetApp_WhenErrorStatusWithJsonError_ThrowsWithStatusAndServerMessage(HttpStatusCode status, string serverMessage)
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(status, "{\"error\":\"" + serverMessage + "\"}"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5));

        Assert.AreEqual((int)status, ex.Status);
        Assert.AreEqual(serverMessage, ex.ErrorMessage);
        Assert.AreEqual("GET", ex.Method);
        Assert.Contains(serverMessage, ex.Message);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }

    [TestMethod]
    public async Task GetApp_When401WithJsonError_MessageAndToStringNeverContainTheToken()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.Unauthorized, """{"error":"Invalid authentication token."}"""));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5));

        AssertNoToken(ex);
        Assert.AreEqual(401, ex.Status);
        Assert.AreEqual("https://build.example/api/v1/apps/5", ex.RequestUrl);
    }

    [TestMethod]
    public async Task GetApp_WhenHtmlErrorPageEchoesTheUrl_MessageIsReadableAndRedacted()
    {
        var handler = new FakeHandler(r => FakeHandler.Html(HttpStatusCode.BadGateway,
            "<html>\r\n<head><title>502 Bad Gateway</title><style>body { color: red; }</style></head>\r\n<body>\r\n<h1>502 Bad Gateway</h1>\r\n<p>upstream failed for "
            + r.Uri.PathAndQuery + "</p>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5));

        Assert.AreEqual(502, ex.Status);
        Assert.IsNotNull(ex.ErrorMessage);
        Assert.StartsWith("Bad Gateway", ex.ErrorMessage);
        Assert.Contains("502 Bad Gateway", ex.ErrorMessage);
        Assert.DoesNotContain("<", ex.Message);
        Assert.DoesNotContain("color: red", ex.Message);
        Assert.DoesNotContain("\n", ex.Message);
        Assert.Contains("auth_token=***", ex.Message);
        AssertNoToken(ex);
    }

    [TestMethod]
    public async Task GetApp_WhenJsonErrorEchoesTheUrl_ErrorMessageIsRedacted()
    {
        var handler = new FakeHandler(r => FakeHandler.Json(HttpStatusCode.BadRequest, "{\"error\":\"bad request: " + r.Uri.PathAndQuery + "\"}"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5));

        Assert.AreEqual("bad request: /api/v1/apps/5?auth_token=***", ex.ErrorMessage);
        AssertNoToken(ex);
    }

    [TestMethod]
    public async Task GetApp_When200WithJsonError_ThrowsWithServerMessage()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"error":"You are not a collaborator on this app"}"""));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5));

        Assert.AreEqual(200, ex.Status);
        Assert.AreEqual("You are not a collaborator on this app", ex.ErrorMessage);
    }

    [TestMethod]
    public async Task GetApp_When200WithNonJsonBody_ThrowsSayingTheAnswerIsNotJson()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Html(HttpStatusCode.OK, "<html>maintenance</html>"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5));

        Assert.AreEqual(200, ex.Status);
        Assert.Contains("not JSON", ex.Message);
    }

    [TestMethod]
    public async Task GetApp_WhenConnectionFails_ThrowsWithStatusZeroAndRedactedUrl()
    {
        var handler = new FakeHandler(_ => throw new HttpRequestException("Connection refused"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5));

        Assert.AreEqual(0, ex.Status);
        Assert.IsTrue(ex.IsTransient);
        Assert.Contains("Connection refused", ex.Message);
        Assert.IsInstanceOfType<HttpRequestException>(ex.InnerException);
        AssertNoToken(ex);
    }

    [TestMethod]
    public async Task DeleteApp_When404WithoutBody_ThrowsWithReasonPhrase()
    {
        var handler = new FakeHandler().Enqueue(new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new ByteArrayContent([]) });
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.DeleteAppAsync(9));

        Assert.AreEqual(404, ex.Status);
        Assert.AreEqual("Not Found", ex.ErrorMessage);
        Assert.AreEqual("DELETE", ex.Method);
    }

    internal static void AssertNoToken(Exception ex)
    {
        Assert.DoesNotContain(TestClients.Token, ex.Message);
        Assert.DoesNotContain(Uri.EscapeDataString(TestClients.Token), ex.Message);
        Assert.DoesNotContain(TestClients.Token, ex.ToString());
        Assert.DoesNotContain(Uri.EscapeDataString(TestClients.Token), ex.ToString());
    }
}
