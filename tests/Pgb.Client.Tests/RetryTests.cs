namespace Pgb.Client.Tests;

[TestClass]
public sealed class RetryTests
{
    /// <summary>A transient failure (a 503, a dropped connection) followed by a success: one retry, and the app.</summary>
    [TestMethod]
    [DataRow("503", 3, DisplayName = "GetApp_When503ThenOk_RetriesAndSucceeds")]
    [DataRow("connection reset", 1, DisplayName = "GetApp_WhenConnectionFailsOnceThenOk_RetriesAndSucceeds")]
    public async Task GetApp_WhenATransientFailureIsFollowedByOk_RetriesAndSucceeds(string failure, int maxRetries)
    {
        var handler = new FakeHandler()
            .Enqueue(_ => failure == "503" ? FakeHandler.Html(HttpStatusCode.ServiceUnavailable, "<html>busy</html>") : throw new HttpRequestException("Connection reset"))
            .Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":5}"""));
        using var client = TestClients.Create(handler, maxRetries: maxRetries);

        var app = await client.GetAppAsync(5);

        Assert.AreEqual(5, app.Id);
        Assert.HasCount(2, handler.Requests);
    }

    /// <summary>A failure on every try: a transient one (503) is tried 1 + maxRetries times, a final one (404) once.</summary>
    [TestMethod]
    [DataRow(HttpStatusCode.ServiceUnavailable, 2, 3, DisplayName = "GetApp_When503Persists_GivesUpAfterMaxRetriesWithLastStatus")]
    [DataRow(HttpStatusCode.NotFound, 3, 1, DisplayName = "GetApp_When404_IsNotRetried")]
    public async Task GetApp_WhenEveryTryFails_RetriesOnlyATransientFailure_AndThrowsTheLastStatus(HttpStatusCode status, int maxRetries, int tries)
    {
        var handler = new FakeHandler(_ => FakeHandler.Json(status, """{"error":"down"}"""));
        using var client = TestClients.Create(handler, maxRetries: maxRetries);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5));

        Assert.AreEqual((int)status, ex.Status);
        Assert.HasCount(tries, handler.Requests);
    }

    /// <summary>A POST that may have created the app or the key is not sent again, whatever it uploads.</summary>
    [TestMethod]
    [DataRow("app", DisplayName = "CreateAppFromFile_WhenServerAnswers500_IsNotRetried")]
    [DataRow("key", DisplayName = "CreateKey_WhenServerAnswers500_IsNotRetried")]
    public async Task CreateUpload_WhenServerAnswers500_IsNotRetried(string upload)
    {
        using var temp = new TempDirectory();
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.InternalServerError, """{"error":"boom"}"""));
        using var client = TestClients.Create(handler, maxRetries: 3);
        Func<Task> create = upload == "app"
            ? () => client.CreateAppFromFileAsync(new PgbAppCreateOptions { Title = "Demo" }, temp.WriteFile("app.zip", "zip"))
            : () => client.CreateKeyAsync(new PgbAndroidKeyOptions { Title = "K", KeystorePath = temp.WriteFile("android.keystore", "k"), Alias = "a" });

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(create);

        Assert.AreEqual(500, ex.Status);
        Assert.AreEqual("boom", ex.ErrorMessage);
        Assert.AreEqual("POST", ex.Method);
        Assert.HasCount(1, handler.Requests, "a POST that may have created something is not sent again");
    }

    [TestMethod]
    public async Task QueueBuild_When503_IsRetriedBecauseTheServerDidNotProcessIt()
    {
        var handler = new FakeHandler()
            .Enqueue(FakeHandler.Json(HttpStatusCode.ServiceUnavailable, """{"error":"busy"}"""))
            .Enqueue(FakeHandler.Json(HttpStatusCode.Accepted, "{}"));
        using var client = TestClients.Create(handler, maxRetries: 3);

        await client.QueueBuildAsync(5, ["android"]);

        Assert.HasCount(2, handler.Requests);
        Assert.AreEqual(handler.Requests[0].FormFields["data"], handler.Requests[1].FormFields["data"]);
    }

    /// <summary>A POST, but queuing again only replaces the builds just queued: a 500 or a dropped answer is retried.</summary>
    [TestMethod]
    public async Task QueueBuild_When500_IsRetriedBecauseQueuingAgainIsHarmless()
    {
        var handler = new FakeHandler()
            .Enqueue(FakeHandler.Json(HttpStatusCode.InternalServerError, """{"error":"boom"}"""))
            .Enqueue(_ => throw new HttpRequestException("Connection reset"))
            .Enqueue(FakeHandler.Json(HttpStatusCode.Accepted, "{}"));
        using var client = TestClients.Create(handler, maxRetries: 3);

        await client.QueueBuildAsync(5, ["android"]);

        Assert.HasCount(3, handler.Requests);
    }

    /// <summary>The POST that creates an app is never sent twice on an answer that may follow its creation.</summary>
    [TestMethod]
    public async Task CreateApp_When500_IsNotRetried()
    {
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.InternalServerError, """{"error":"boom"}"""));
        using var client = TestClients.Create(handler, maxRetries: 3);

        await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.CreateAppFromRepoAsync(new Models.PgbAppCreateOptions { Title = "t", Repo = "https://git.example/r.git" }));

        Assert.HasCount(1, handler.Requests);
    }

    [TestMethod]
    public async Task CreateApp_WhenConnectionFails_IsNotRetried()
    {
        var handler = new FakeHandler(_ => throw new HttpRequestException("Connection reset"));
        using var client = TestClients.Create(handler, maxRetries: 3);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.CreateAppFromRepoAsync(new Models.PgbAppCreateOptions { Title = "t", Repo = "https://git.example/r.git" }));

        Assert.AreEqual(0, ex.Status);
        Assert.HasCount(1, handler.Requests);
    }

    [TestMethod]
    public void DelayFor_WithRetryAfterDelta_ReturnsTheServersDelay()
    {
        var policy = new RetryPolicy(new PgbRetryOptions { Delay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMinutes(1) });

        var delay = policy.DelayFor(0, new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));

        Assert.AreEqual(TimeSpan.FromSeconds(7), delay);
    }

    [TestMethod]
    public void DelayFor_WithRetryAfterBeyondMaxDelay_IsCappedAtMaxDelay()
    {
        var policy = new RetryPolicy(new PgbRetryOptions { MaxDelay = TimeSpan.FromSeconds(30) });

        var delay = policy.DelayFor(0, new RetryConditionHeaderValue(TimeSpan.FromHours(1)));

        Assert.AreEqual(TimeSpan.FromSeconds(30), delay);
    }

    [TestMethod]
    public void DelayFor_WithRetryAfterDateInThePast_IsZero()
    {
        var policy = new RetryPolicy(new PgbRetryOptions());

        var delay = policy.DelayFor(2, new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(-5)));

        Assert.AreEqual(TimeSpan.Zero, delay);
    }

    [TestMethod]
    public void DelayFor_WithoutRetryAfter_GrowsExponentiallyWithinJitterAndCap()
    {
        var policy = new RetryPolicy(new PgbRetryOptions { Delay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) });

        var first = policy.DelayFor(0, null);
        var third = policy.DelayFor(2, null);
        var tenth = policy.DelayFor(9, null);

        Assert.IsTrue(first >= TimeSpan.FromSeconds(0.8) && first <= TimeSpan.FromSeconds(1.2), first.ToString());
        Assert.IsTrue(third >= TimeSpan.FromSeconds(3.2) && third <= TimeSpan.FromSeconds(4.8), third.ToString());
        Assert.AreEqual(TimeSpan.FromSeconds(5), tenth);
    }

    [TestMethod]
    [DataRow("GET", 500, true)]
    [DataRow("PUT", 502, true)]
    [DataRow("GET", 503, true)]
    [DataRow("POST", 429, true)]
    [DataRow("POST", 503, true)]
    [DataRow("POST", 408, true)]
    [DataRow("POST", 500, false)]
    [DataRow("POST", 502, false)]
    [DataRow("GET", 400, false)]
    [DataRow("GET", 501, false)]
    public void ShouldRetry_DependsOnMethodAndStatus(string method, int status, bool expected)
    {
        var policy = new RetryPolicy(new PgbRetryOptions());

        Assert.AreEqual(expected, policy.ShouldRetry(new HttpMethod(method), (HttpStatusCode)status));
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(400)]
    [DataRow(408)]
    [DataRow(429)]
    [DataRow(500)]
    [DataRow(501)]
    [DataRow(502)]
    [DataRow(503)]
    [DataRow(504)]
    [DataRow(505)]
    [DataRow(507)]
    public void IsTransient_AgreesWithTheRetriesOfARequestSafeToRepeat(int status)
    {
        var policy = new RetryPolicy(new PgbRetryOptions());
        var failure = new PgbRequestFailedException(status, null, "GET", "http://127.0.0.1/api/v1/me");

        Assert.AreEqual(policy.ShouldRetry(HttpMethod.Get, failure), failure.IsTransient);
        Assert.AreEqual(policy.ShouldRetry(HttpMethod.Get, status == 0 ? null : (HttpStatusCode)status), failure.IsTransient);
    }

    [TestMethod]
    public async Task GetApp_When503WithRetryAfterZero_RetriesAndSucceeds()
    {
        var busy = FakeHandler.Json(HttpStatusCode.ServiceUnavailable, """{"error":"busy"}""");
        busy.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero);
        var handler = new FakeHandler().Enqueue(busy).Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":5}"""));
        var options = new PgbClientOptions { Handler = handler };
        // Only the Retry-After answer can make this retry immediate; otherwise the wait is an hour and the
        // safety token below cancels it, failing the test.
        options.Retry.Delay = TimeSpan.FromHours(1);
        options.Retry.MaxDelay = TimeSpan.FromHours(1);
        using var client = new PgbClient(TestClients.Server, PgbCredential.FromToken(TestClients.Token), options);
        using var safety = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var app = await client.GetAppAsync(5, safety.Token);

        Assert.AreEqual(5, app.Id);
        Assert.HasCount(2, handler.Requests);
    }
}
