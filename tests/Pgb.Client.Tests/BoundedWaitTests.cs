using System.Net.Sockets;

namespace Pgb.Client.Tests;

/// <summary>
/// Every wait of a request is bounded: the first byte and each next one by the request timeout, in both directions, and
/// a call with its retries by three request timeouts without progress. Short timeouts keep these fast; a test that
/// hangs fails on its own limit.
/// </summary>
[TestClass]
public sealed class BoundedWaitTests
{
    /// <summary>No test here may take long: a hang fails it.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static PgbClient Client(HttpMessageHandler handler, double requestTimeoutSeconds, int maxRetries = 0) =>
        TestClients.Create(handler, TimeSpan.FromSeconds(requestTimeoutSeconds), maxRetries);

    [TestMethod]
    public async Task GetApp_WhenTheServerNeverAnswers_GivesUpWithinThreeRequestTimeouts_NotAfterEveryRetry()
    {
        var handler = new ScriptedHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        using var client = Client(handler, requestTimeoutSeconds: 0.2, maxRetries: 50);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5).WaitAsync(Limit));

        Assert.AreEqual(PgbFailureKind.TimedOut, ex.Kind, ex.Message);
        Assert.AreEqual(0, ex.Status);
        Assert.IsTrue(ex.IsTransient);
        Assert.IsLessThanOrEqualTo(3, handler.Calls, "three request timeouts bound the call, whatever the retry count");
        ErrorMappingTests.AssertNoToken(ex);
    }

    [TestMethod]
    public async Task Upload_WhenTheServerStopsReadingTheBody_TimesOutNamingHowMuchWasSent()
    {
        using var temp = new TempDirectory();
        var archive = temp.Combine("app.zip");
        await File.WriteAllBytesAsync(archive, new byte[500_000]);
        var handler = new ScriptedHandler(async (request, token) =>
        {
            using var body = await request.Content!.ReadAsStreamAsync(token);
            await body.ReadExactlyAsync(new byte[1000], token);
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        using var client = Client(handler, requestTimeoutSeconds: 0.2);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.UpdateAppFileAsync(7, archive).WaitAsync(Limit));

        Assert.AreEqual(PgbFailureKind.TimedOut, ex.Kind, ex.Message);
        StringAssert.Contains(ex.Message, "after sending");
        StringAssert.Contains(ex.Message, "bytes of the request body");
    }

    [TestMethod]
    public async Task Upload_ThatKeepsMoving_OutlastsTheRequestTimeoutAndTheCallLimit()
    {
        using var temp = new TempDirectory();
        var archive = temp.Combine("app.zip");
        await File.WriteAllBytesAsync(archive, new byte[70 * 81920]);
        var handler = new ScriptedHandler(async (request, token) =>
        {
            // A chunk every 50 ms for about 3.5 s: longer than the 1 s timeout and its 3 s call limit.
            using var body = await request.Content!.ReadAsStreamAsync(token);
            var buffer = new byte[81920];
            while (await body.ReadAsync(buffer, token) > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), token);
            }

            return FakeHandler.Json(HttpStatusCode.OK, """{"id":7}""");
        });
        using var client = Client(handler, requestTimeoutSeconds: 1);

        var app = await client.UpdateAppFileAsync(7, archive).WaitAsync(Limit);

        Assert.AreEqual(7, app.Id);
        Assert.AreEqual(1, handler.Calls);
    }

    [TestMethod]
    public async Task GetApp_WhenTheAnswerStallsMidBody_TimesOutAndIsRetried()
    {
        var attempts = 0;
        var handler = new ScriptedHandler((_, _) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                var stalled = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StalledStream()) };
                return Task.FromResult(stalled);
            }

            return Task.FromResult(FakeHandler.Json(HttpStatusCode.OK, """{"id":5}"""));
        });
        using var client = Client(handler, requestTimeoutSeconds: 0.5, maxRetries: 1);

        var app = await client.GetAppAsync(5).WaitAsync(Limit);

        Assert.AreEqual(5, app.Id);
        Assert.AreEqual(2, handler.Calls);
    }

    [TestMethod]
    public async Task GetApp_WhenTheAnswerBreaksOffBeforeItsLength_IsRetried_AndSaysItBrokeOff()
    {
        var handler = new FakeHandler()
            .Enqueue(FakeHandler.Bytes("""{"id":5,"tit"""u8.ToArray(), "application/json", announcedLength: 400))
            .Enqueue(FakeHandler.Bytes("""{"id":5,"tit"""u8.ToArray(), "application/json", announcedLength: 400));
        using var client = Client(handler, requestTimeoutSeconds: 5, maxRetries: 1);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5));

        Assert.AreEqual(PgbFailureKind.Interrupted, ex.Kind, ex.Message);
        StringAssert.Contains(ex.Message, "broke off after 12 of 400 bytes");
        Assert.HasCount(2, handler.Requests);
    }

    /// <summary>A create is sent again only when the service cannot have acted on it: no connection was made, or it said 429.</summary>
    [TestMethod]
    [DataRow("refused")]
    [DataRow("429")]
    public async Task CreateApp_WhenTheServiceDidNotProcessIt_IsRetried(string first)
    {
        var busy = FakeHandler.Json((HttpStatusCode)429, """{"error":"slow down"}""");
        busy.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero);
        var handler = new FakeHandler()
            .Enqueue(_ => first == "429" ? busy : throw new HttpRequestException("Connection refused (build.example:443)", new SocketException((int)SocketError.ConnectionRefused)))
            .Enqueue(FakeHandler.Json(HttpStatusCode.Created, """{"id":9}"""));
        using var client = Client(handler, requestTimeoutSeconds: 5, maxRetries: 2);

        var app = await client.CreateAppFromRepoAsync(new Models.PgbAppCreateOptions { Title = "t", Repo = "https://git.example/r.git" });

        Assert.AreEqual(9, app.Id);
        Assert.HasCount(2, handler.Requests);
    }

    [TestMethod]
    public async Task CreateApp_WhenTheConnectionDropsAfterTheRequestWasSent_IsNotRetried()
    {
        var handler = new FakeHandler(_ => throw new HttpRequestException("The response ended prematurely.", new IOException("reset")));
        using var client = Client(handler, requestTimeoutSeconds: 5, maxRetries: 3);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(
            () => client.CreateAppFromRepoAsync(new Models.PgbAppCreateOptions { Title = "t", Repo = "https://git.example/r.git" }));

        Assert.AreEqual(PgbFailureKind.NoAnswer, ex.Kind);
        Assert.HasCount(1, handler.Requests, "the service may have created the app");
    }

    [TestMethod]
    public async Task GetApp_WhenRetryAfterOutlastsTheCallLimit_FailsNowInsteadOfSleepingFirst()
    {
        var busy = FakeHandler.Json(HttpStatusCode.ServiceUnavailable, """{"error":"maintenance"}""");
        busy.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(10));
        var handler = new FakeHandler().Enqueue(busy);
        var options = new PgbClientOptions { Handler = handler, RequestTimeout = TimeSpan.FromSeconds(1) };
        options.Retry.MaxRetries = 3;
        options.Retry.MaxDelay = TimeSpan.FromMinutes(30);
        using var client = new PgbClient(TestClients.Server, PgbCredential.FromToken(TestClients.Token), options);

        await RequestFailedAssert.ThrowsAsync(() => client.GetAppAsync(5).WaitAsync(Limit), 503, "maintenance");
        Assert.HasCount(1, handler.Requests);
    }

    [TestMethod]
    public async Task GetApp_WhenTheAnswerIsLargerThanAnyApiAnswer_FailsAsUnexpected()
    {
        var huge = new byte[PgbClient.MaxAnswerBytes + 1];
        huge.AsSpan().Fill((byte)' ');
        var handler = new FakeHandler().Enqueue(FakeHandler.Bytes(huge, "application/json"));
        using var client = Client(handler, requestTimeoutSeconds: 5);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5));

        Assert.AreEqual(PgbFailureKind.UnexpectedAnswer, ex.Kind);
        StringAssert.Contains(ex.Message, "larger than 16 MB");
    }

    [TestMethod]
    [DataRow("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>upstream x</p></body></html>", "Bad Gateway (502 Bad Gateway)")]
    [DataRow("<!DOCTYPE html><html><body><h2>Bad gateway</h2><div>Error code 502 <script>var x = 1;</script></div></body></html>", "Bad Gateway")]
    [DataRow("<html><body><p>The upstream   server\r\n failed.</p><style>p{}</style></body></html>", "Bad Gateway (The upstream server failed.)")]
    [DataRow("<html><head><title>  </title></head><body><h1>Oops &amp; sorry</h1></body></html>", "Bad Gateway (Oops & sorry)")]
    [DataRow("upstream connect error or disconnect/reset before headers", "Bad Gateway (upstream connect error or disconnect/reset before headers)")]
    public async Task GetApp_WhenTheErrorIsNotJson_TheMessageIsTheStatusAndThePagesTitle(string page, string expected)
    {
        var handler = new FakeHandler(_ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent(page, Encoding.UTF8, "text/html") });
        using var client = Client(handler, requestTimeoutSeconds: 5);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5));

        Assert.AreEqual(expected, ex.ErrorMessage);
        Assert.DoesNotContain("<", ex.Message);
    }

    [TestMethod]
    public async Task GetApp_WhenTheErrorPageIsHuge_TheMessageStaysOneShortLine()
    {
        var page = "<html><head><title>" + new string('x', 5000) + "</title></head><body>" + new string('y', 200_000) + "</body></html>";
        var handler = new FakeHandler(_ => FakeHandler.Html(HttpStatusCode.InternalServerError, page));
        using var client = Client(handler, requestTimeoutSeconds: 5);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5));

        Assert.IsLessThan(400, ex.Message.Length, ex.Message);
        Assert.DoesNotContain("y", ex.ErrorMessage!);
    }

    /// <summary>A handler whose answer is an async function of the request and the handler's token (which the client's limits cancel).</summary>
    private sealed class ScriptedHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return answer(request, cancellationToken);
        }
    }
}
