using Pgb.Server.Hosting;

namespace Pgb.Server.Tests;

/// <summary>Authentication before the body, per-route body limits, and clients that send too much or too slowly.</summary>
[TestClass]
public sealed class RequestLimitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Today's server read the whole form (300 MB into a temporary file) before its 401. Now the answer comes
    /// at the headers and the connection closes: the client cannot get its body in.</summary>
    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task AnonymousPost_Of300MB_Is401BeforeTheBodyIsRead(bool persisted)
    {
        const long Announced = 300L * 1024 * 1024;
        using var data = new TempDirectory();
        await using var harness = await ServerHarness.StartAsync(o => o.DataDirectory = persisted ? data.Path : null);
        await using var raw = await RawHttp.ConnectAsync(harness.Server.BaseUri);
        await raw.SendAsync($"POST /api/v1/apps HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {Announced}\r\n\r\n"
            + "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"app.zip\"\r\n\r\n");

        using var answered = new CancellationTokenSource(Patience);
        var headers = raw.ReadHeadersAsync(answered.Token);
        var sent = 0L;
        var chunk = new byte[64 * 1024];
        try
        {
            while (!headers.IsCompleted && sent < Announced)
            {
                await raw.Stream.WriteAsync(chunk, answered.Token);
                sent += chunk.Length;
            }
        }
        catch (IOException)
        {
            // The server closed the connection under the upload: what this test wants.
        }

        var answer = await headers;
        Assert.IsNotNull(answer, $"no answer after {sent} bytes");
        StringAssert.StartsWith(answer, "HTTP/1.1 401 ");
        StringAssert.Contains(answer, "Connection: close");
        Assert.IsLessThan(Announced / 4, sent, "the body was read");
    }

    /// <summary>How a client gets the answer to a large upload the server refuses without reading it: with
    /// <c>Expect: 100-continue</c> it waits for the server's go-ahead, which never comes, and reads the 401 or 413
    /// instead of sending the body into a closed connection.</summary>
    [TestMethod]
    [DataRow("wrong-token", HttpStatusCode.Unauthorized)]
    [DataRow("pgb-dev-token", HttpStatusCode.RequestEntityTooLarge)]
    public async Task LargeUpload_WithExpectContinue_GetsTheRefusalBeforeSendingTheBody(string token, HttpStatusCode expected)
    {
        await using var harness = await ServerHarness.StartAsync(o => o.MaxUploadBytes = 1024 * 1024);
        var request = ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps",
            new MultipartFormDataContent { { ServerHarness.Bytes(new byte[32 * 1024 * 1024]), "file", "app.zip" } }, token);
        request.Headers.ExpectContinue = true;

        var answer = await harness.SendAsync(request);

        Assert.AreEqual(expected, answer.Status, answer.Body);
    }

    [TestMethod]
    public async Task FormToken_InABodyLargerThanTheFormTokenLimit_Is401SayingWhere()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        var form = new MultipartFormDataContent
        {
            { new StringContent("pgb-dev-token"), "auth_token" },
            { ServerHarness.Bytes(new byte[100 * 1024]), "file", "app.zip" },
        };

        var answer = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/apps/{id}") { Content = form });

        Assert.AreEqual(HttpStatusCode.Unauthorized, answer.Status);
        StringAssert.Contains(answer.Error, "A form field auth_token is looked for only in bodies of up to 64 KiB");
    }

    [TestMethod]
    public async Task FormToken_InASmallMultipartUpload_Authenticates()
    {
        await using var harness = await ServerHarness.StartAsync();
        var form = new MultipartFormDataContent
        {
            { new StringContent("pgb-dev-token"), "auth_token" },
            { new StringContent("{\"title\":\"Small Form\"}"), "data" },
            { ServerHarness.Bytes(Zips.App(configName: null)), "file", "app.zip" },
        };

        var answer = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/apps") { Content = form });

        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        Assert.AreEqual("Small Form", (string?)answer.Object["title"]);
    }

    [TestMethod]
    public async Task Upload_LargerThanMaxUploadBytes_Is413NamingTheLimit()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.MaxUploadBytes = 1024 * 1024);
        var fits = Zips.Create(("index.html", new byte[512 * 1024]));
        var tooLarge = new MultipartFormDataContent { { ServerHarness.Bytes(new byte[2 * 1024 * 1024]), "file", "app.zip" } };

        var created = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps",
            new MultipartFormDataContent { { ServerHarness.Bytes(fits), "file", "app.zip" }, { new StringContent("{\"title\":\"Fits\"}"), "data" } }));
        var refused = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", tooLarge));

        Assert.AreEqual(HttpStatusCode.Created, created.Status, created.Body);
        AnswerAssert.IsError(refused, HttpStatusCode.RequestEntityTooLarge, "Request Entity Too Large: uploads are limited to 1 MiB on this server");
    }

    [TestMethod]
    [DataRow("application/json")]
    [DataRow("application/x-www-form-urlencoded")]
    public async Task BodyThatIsNotAnUpload_LargerThan1MiB_Is413(string contentType)
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        var padding = new string('a', (1024 * 1024) + 1);
        var body = contentType == "application/json" ? $"{{\"title\":\"{padding}\"}}" : "data=" + padding;

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/apps/{id}", new StringContent(body, Encoding.UTF8, contentType)));

        AnswerAssert.IsError(answer, HttpStatusCode.RequestEntityTooLarge, "Request Entity Too Large: request bodies other than uploads are limited to 1 MiB");
    }

    [TestMethod]
    public async Task Headers_LargerThan32KiB_AreRefused()
    {
        await using var harness = await ServerHarness.StartAsync();
        var request = ServerHarness.Authorized(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("X-Padding", new string('a', 40 * 1024));

        using var response = await harness.Http.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [TestMethod]
    public async Task Client_TricklingItsHeaders_IsDropped()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.Limits = new ServerLimits { RequestHeadersTimeout = TimeSpan.FromSeconds(1) });
        await using var raw = await RawHttp.ConnectAsync(harness.Server.BaseUri);
        await raw.SendAsync("GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\n");

        await AssertDroppedWhileTricklingAsync(raw, "X-Slow: a\r\n", TimeSpan.FromMilliseconds(200));
    }

    [TestMethod]
    public async Task Client_TricklingItsBody_IsDropped()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.Limits = new ServerLimits
        {
            MinDataBytesPerSecond = 1000,
            MinDataRateGracePeriod = TimeSpan.FromSeconds(2),
        });
        await using var raw = await RawHttp.ConnectAsync(harness.Server.BaseUri);
        await raw.SendAsync("POST /api/v1/apps HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: token pgb-dev-token\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\ndata=");

        await AssertDroppedWhileTricklingAsync(raw, "a", TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Sends <paramref name="drip"/> every <paramref name="pause"/> until the server closes the connection: it
    /// must, within <see cref="Patience"/>, with a 408 or without a word.</summary>
    private static async Task AssertDroppedWhileTricklingAsync(RawHttp raw, string drip, TimeSpan pause)
    {
        using var dropped = new CancellationTokenSource(Patience);
        var closed = raw.ReadToCloseAsync(Patience);
        while (!closed.IsCompleted && !dropped.IsCancellationRequested)
        {
            try
            {
                await raw.SendAsync(drip);
                await Task.Delay(pause, dropped.Token);
            }
            catch (IOException)
            {
                break;
            }
        }

        var answer = await closed;
        Assert.IsFalse(dropped.IsCancellationRequested, "the connection stayed open");
        Assert.IsTrue(answer.Length == 0 || answer.StartsWith("HTTP/1.1 408 ", StringComparison.Ordinal), answer);
    }
}
