namespace Pgb.Client.Tests;

[TestClass]
public sealed class ErrorMappingTests
{
    /// <summary>GET app #5 through <paramref name="handler"/>: the call must fail with the client's one exception type.</summary>
    private static async Task<PgbRequestFailedException> GetAppFailureAsync(FakeHandler handler)
    {
        using var client = TestClients.Create(handler);
        return await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5));
    }

    [TestMethod]
    [DataRow(HttpStatusCode.Unauthorized, "Invalid authentication token.")]
    [DataRow(HttpStatusCode.NotFound, "app #5 not found")]
    [DataRow(HttpStatusCode.BadRequest, "Title can't be blank")]
    [DataRow(HttpStatusCode.OK, "You are not a collaborator on this app", DisplayName = "GetApp_When200WithJsonError_ThrowsWithServerMessage")]
    public async Task GetApp_WhenTheAnswerIsAJsonError_ThrowsWithStatusAndServerMessage(HttpStatusCode status, string serverMessage)
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(status, "{\"error\":\"" + serverMessage + "\"}"));

        var ex = await GetAppFailureAsync(handler);

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

        var ex = await GetAppFailureAsync(handler);

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

        var ex = await GetAppFailureAsync(handler);

        Assert.AreEqual(502, ex.Status);
        Assert.IsNotNull(ex.ErrorMessage);
        Assert.StartsWith("Bad Gateway", ex.ErrorMessage);
        Assert.Contains("502 Bad Gateway", ex.ErrorMessage);
        Assert.DoesNotContain("<", ex.Message);
        Assert.DoesNotContain("color: red", ex.Message);
        Assert.DoesNotContain("upstream failed", ex.Message, "the page's title, not its text");
        Assert.DoesNotContain("\n", ex.Message);
        AssertNoToken(ex);
    }

    /// <summary>The server's error text quoting the request URL ({url}) or the token itself ({token}) is shown redacted.</summary>
    [TestMethod]
    [DataRow(HttpStatusCode.BadRequest, "bad request: {url}", "bad request: /api/v1/apps/5?auth_token=***", DisplayName = "GetApp_WhenJsonErrorEchoesTheUrl_ErrorMessageIsRedacted")]
    [DataRow(HttpStatusCode.Unauthorized, "token {token} has been revoked", "token *** has been revoked", DisplayName = "GetApp_WhenErrorQuotesTheTokenItself_MessageHidesIt")]
    public async Task GetApp_WhenTheJsonErrorQuotesASecret_ErrorMessageIsRedacted(HttpStatusCode status, string error, string expected)
    {
        var handler = new FakeHandler(r => FakeHandler.Json(status,
            "{\"error\":\"" + error.Replace("{url}", r.Uri.PathAndQuery).Replace("{token}", TestClients.Token) + "\"}"));

        var ex = await GetAppFailureAsync(handler);

        Assert.AreEqual(expected, ex.ErrorMessage);
        AssertNoToken(ex);
    }

    [TestMethod]
    public async Task GetApp_When200WithNonJsonBody_ThrowsSayingTheAnswerIsNotJson()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Html(HttpStatusCode.OK, "<html>maintenance</html>"));

        var ex = await GetAppFailureAsync(handler);

        Assert.AreEqual(200, ex.Status);
        Assert.Contains("not JSON", ex.Message);
    }

    [TestMethod]
    public async Task GetApp_WhenConnectionFails_ThrowsWithStatusZeroAndRedactedUrl()
    {
        var handler = new FakeHandler(_ => throw new HttpRequestException("Connection refused"));

        var ex = await GetAppFailureAsync(handler);

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

        var ex = await RequestFailedAssert.ThrowsAsync(() => client.DeleteAppAsync(9), 404, "Not Found");
        Assert.AreEqual("DELETE", ex.Method);
    }

    [TestMethod]
    public async Task GetApp_When404ContentTypeNamesAnUnknownCharset_StillThrowsRequestFailedWithServerMessage()
    {
        // .NET's ReadAsStringAsync throws InvalidOperationException for a charset it does not know, which
        // would escape as a second exception type.
        var answer = new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"error":"app #5 not found"}""")) };
        answer.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf8mb4");
        var handler = new FakeHandler().Enqueue(answer);

        var ex = await GetAppFailureAsync(handler);

        Assert.AreEqual(404, ex.Status);
        Assert.AreEqual("app #5 not found", ex.ErrorMessage);
    }

    [TestMethod]
    public async Task GetApp_When200ContentTypeNamesAnUnknownCharset_ReadsTheBodyAsUtf8()
    {
        var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"id\":5,\"title\":\"Caf\u00e9\"}")) };
        answer.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=\"unicode-1-1-utf-8x\"");
        var handler = new FakeHandler().Enqueue(answer);
        using var client = TestClients.Create(handler);

        var app = await client.GetAppAsync(5);

        Assert.AreEqual("Caf\u00e9", app.Title);
    }

    [TestMethod]
    [DataRow("""{"error":""}""")]
    [DataRow("""{"error":"   "}""")]
    public async Task GetApp_WhenErrorTextIsBlank_UsesTheReasonPhrase(string body)
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.BadRequest, body));

        var ex = await GetAppFailureAsync(handler);

        Assert.AreEqual(400, ex.Status);
        Assert.AreEqual("Bad Request", ex.ErrorMessage);
    }

    [TestMethod]
    public async Task GetApp_WhenAnswerHasTheWrongShape_MessageIsOneLine()
    {
        // Newtonsoft's message for an array where an object belongs runs over several lines.
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """[{"id":5}]"""));

        var ex = await GetAppFailureAsync(handler);

        Assert.Contains("expected shape", ex.Message);
        Assert.DoesNotContain("\n", ex.Message);
        Assert.DoesNotContain("\r", ex.Message);
    }

    [TestMethod]
    public async Task GetApp_WhenErrorPageEchoesThePercentEncodedUrl_TokenIsRedacted()
    {
        // A front end's sign-in redirect or error page carries the request URL as an encoded parameter.
        var handler = new FakeHandler(r => FakeHandler.Html(HttpStatusCode.Unauthorized,
            "<html><body><p>Please sign in: /users/sign_in?return_to=" + Uri.EscapeDataString(r.Uri.PathAndQuery) + "</p></body></html>"));

        var ex = await GetAppFailureAsync(handler);

        Assert.AreEqual(401, ex.Status);
        AssertNoToken(ex);
        Assert.DoesNotContain("s3cr3t", ex.ToString());
    }

    [TestMethod]
    public async Task GetApp_WhenJsonErrorEchoesAnHtmlEscapedUrl_TokenIsRedacted()
    {
        var handler = new FakeHandler(r => FakeHandler.Json(HttpStatusCode.BadRequest,
            "{\"error\":\"bad request: /api/v1/apps/5?x=1&amp;" + r.Uri.Query.TrimStart('?') + "\"}"));

        var ex = await GetAppFailureAsync(handler);

        Assert.DoesNotContain("s3cr3t", ex.ToString());
        Assert.Contains("auth_token=***", ex.ErrorMessage ?? string.Empty);
    }

    [TestMethod]
    public async Task GetApp_WhenServerUrlCarriesUserInfo_MessagesNeverShowIt()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.Unauthorized, """{"error":"Invalid authentication token."}"""));
        using var client = TestClients.Create(handler, server: new Uri("https://deploy:hunter2-secret@build.example/"));

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5));

        Assert.DoesNotContain("hunter2-secret", ex.ToString());
        Assert.DoesNotContain("hunter2-secret", ex.RequestUrl);
        Assert.Contains("build.example/api/v1/apps/5", ex.RequestUrl);
    }

    [TestMethod]
    [DataRow("https://u:p4ss@host.example/x", "https://***@host.example/x")]
    [DataRow("see http://ghp_abcdef@github.com/a/b.git now", "see http://***@github.com/a/b.git now")]
    [DataRow("/users/sign_in?return_to=%2Fapi%2Fv1%2Fme%3Fauth_token%3Dab%252Bc%26x%3D1", "/users/sign_in?return_to=%2Fapi%2Fv1%2Fme%3Fauth_token%3D***%26x%3D1")]
    [DataRow("/a?x=1&amp;auth_token=abc&amp;y=2", "/a?x=1&amp;auth_token=***&amp;y=2")]
    [DataRow("""{"auth_token":"abc","id":1}""", """{"auth_token":"***","id":1}""")]
    [DataRow("http://s3.example/k?AWSAccessKeyId=A&Signature=sig%2Bnature&Expires=1", "http://s3.example/k?AWSAccessKeyId=A&Signature=***&Expires=1")]
    [DataRow("andrew.lunny@nitobi.com wrote ?auth_token=", "andrew.lunny@nitobi.com wrote ?auth_token=***")]
    public void Redact_HidesSecretsInEveryFormAUrlTakes(string text, string expected) =>
        Assert.AreEqual(expected, PgbRedaction.Redact(text));

    [TestMethod]
    [DataRow(411, "text/html", "<html><head><title>411 Length Required</title></head><body><h1>Length Required</h1></body></html>", "Length Required (411 Length Required)")]
    [DataRow(413, "text/plain", "Request Entity Too Large", "Request Entity Too Large")]
    [DataRow(500, "application/json", "", "Internal Server Error")]
    [DataRow(504, "text/html", "<html><body><h1>504 Gateway Time-out</h1>\r\nThe server didn't respond in time.</body></html>", "Gateway Timeout (504 Gateway Time-out)")]
    [DataRow(422, "application/json", "{\"message\":\"Validation failed\"}", "Unprocessable Entity ({\"message\":\"Validation failed\"})")]
    public async Task UpdateAppFile_WhenErrorBodyIsNotAJsonError_ThrowsWithStatusAndReadableText(int status, string mediaType, string body, string expected)
    {
        using var temp = new TempDirectory();
        var archive = temp.WriteFile("app.zip", "zip");
        var answer = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        var handler = new FakeHandler().Enqueue(answer);
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.UpdateAppFileAsync(7, archive));

        Assert.AreEqual(status, ex.Status);
        Assert.AreEqual("PUT", ex.Method);
        Assert.AreEqual(expected, ex.ErrorMessage);
        Assert.DoesNotContain("\n", ex.Message);
    }

    internal static void AssertNoToken(Exception ex)
    {
        Assert.DoesNotContain(TestClients.Token, ex.Message);
        Assert.DoesNotContain(Uri.EscapeDataString(TestClients.Token), ex.Message);
        Assert.DoesNotContain(TestClients.Token, ex.ToString());
        Assert.DoesNotContain(Uri.EscapeDataString(TestClients.Token), ex.ToString());
    }
}
