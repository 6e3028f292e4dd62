using System.Collections.Concurrent;
using System.Diagnostics;

namespace Pgb.Server.Tests;

/// <summary>Injected faults as a raw HTTP client sees them over real sockets, and as the journal and the log record them.</summary>
[TestClass]
public sealed class FaultInjectionTests
{
    [TestMethod]
    public async Task Status_AnswersTheStatusRetryAfterAndJsonError_ForExactlyTimesRequests()
    {
        await using var harness = await ServerHarness.StartAsync();
        var rule = harness.Server.Simulation.Faults.AddStatus("GET", "/api/v1/me", 503, times: 2, retryAfterSeconds: 7, message: "down for maintenance");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await harness.Http.SendAsync(ServerHarness.Authorized(HttpMethod.Get, "/api/v1/me"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.AreEqual(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
                Assert.AreEqual("application/json", response.Content.Headers.ContentType?.MediaType);
                Assert.AreEqual("down for maintenance", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
            }
        }

        CollectionAssert.AreEqual(new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK }, statuses);
        Assert.AreEqual(2, rule.Applied);
        Assert.AreEqual(0, rule.Remaining);
        CollectionAssert.AreEqual(
            new[] { "status 503 retry-after 7 (1 of 2)", "status 503 retry-after 7 (2 of 2)", null },
            harness.Server.Requests.Select(r => r.Fault).ToArray());
    }

    [TestMethod]
    public async Task Status_ActsBeforeAuthentication_LikeAFrontEnd()
    {
        await using var harness = await ServerHarness.StartAsync();
        harness.Server.Simulation.Faults.AddStatus("*", "api", 429);

        var answer = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/me"));

        AnswerAssert.IsError(answer, HttpStatusCode.TooManyRequests, "Too Many Requests");
    }

    [TestMethod]
    public async Task Matching_ByMethodAndWholePathSegments_LeavesOtherRequestsAndTheRuleAlone()
    {
        await using var harness = await ServerHarness.StartAsync();
        var rule = harness.Server.Simulation.Faults.AddStatus("POST", "/api/v1/keys", 500);

        var get = await harness.GetAsync("/api/v1/keys");
        var otherPath = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/keysx"));
        var outside = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/token"));

        Assert.AreEqual(HttpStatusCode.OK, get.Status);
        Assert.AreEqual(HttpStatusCode.NotFound, otherPath.Status);
        Assert.AreEqual(HttpStatusCode.OK, outside.Status);
        Assert.AreEqual(0, rule.Applied, "requests that do not match must not use the rule up");

        var matched = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api//v1/keys/ios/"));

        Assert.AreEqual(HttpStatusCode.InternalServerError, matched.Status, "matched on the cleaned path, by segments");
        Assert.AreEqual(1, rule.Applied);
    }

    [TestMethod]
    public async Task Abort_DropsTheConnectionWithoutAnAnswer_AndIsRecordedAsStatusZero()
    {
        await using var harness = await ServerHarness.StartAsync();
        harness.Server.Simulation.Faults.AddAbort("GET", "/api/v1/me");

        await Assert.ThrowsAsync<HttpRequestException>(() => harness.Http.GetAsync("/api/v1/me?auth_token=pgb-dev-token"));
        var next = await harness.GetAsync("/api/v1/me");

        Assert.AreEqual(HttpStatusCode.OK, next.Status, "one abort, then normal service");
        var recorded = harness.Server.Requests;
        Assert.HasCount(2, recorded);
        var port = harness.Server.BaseUri.Port;
        Assert.AreEqual(new PgbRecordedRequest("GET", "/api/v1/me?auth_token=***", 0) { Fault = "abort (1 of 1)", Port = port, CarriedCredentials = true }, recorded[0]);
        Assert.IsNull(recorded[1].Fault);
    }

    [TestMethod]
    public async Task Latency_WaitsThenServes_AndCombinesWithTheDecidingRule()
    {
        await using var harness = await ServerHarness.StartAsync();
        var faults = harness.Server.Simulation.Faults;
        faults.AddLatency("GET", "api", TimeSpan.FromMilliseconds(300));
        faults.AddStatus("GET", "api", 504);
        var notReached = faults.AddStatus("GET", "api", 500);

        var watch = Stopwatch.StartNew();
        var first = await harness.GetAsync("/api/v1/me");
        var waited = watch.Elapsed;
        var second = await harness.GetAsync("/api/v1/me");

        // A lower bound only: the wait happened. How much longer it took depends on the machine.
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250), waited);
        Assert.AreEqual(HttpStatusCode.GatewayTimeout, first.Status);
        Assert.AreEqual(HttpStatusCode.InternalServerError, second.Status, "the second status rule was not used up by the first request");
        Assert.AreEqual(1, notReached.Applied);
        Assert.AreEqual("latency 300ms (1 of 1), status 504 (1 of 1)", harness.Server.Requests[0].Fault);
    }

    [TestMethod]
    public async Task BodyCut_SendsTheFullLengthHeaderAndOnlyTheFirstBytes_ThenTheNextDownloadIsWhole()
    {
        await using var harness = await ServerHarness.StartAsync();
        var app = await harness.CreateFileAppAsync();
        var id = (int)app["id"]!;
        await harness.WaitForBuildAsync(id, "android");
        var location = (await harness.GetAsync($"/api/v1/apps/{id}/android")).Location!;
        var artifact = harness.Server.GetArtifact(id, "android")!;
        Assert.IsGreaterThan(100, artifact.Length, "the package must be longer than the cut");
        harness.Server.Simulation.Faults.AddBodyCut("storage", 100);

        long received = 0;
        using (var response = await harness.Http.GetAsync(location, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.AreEqual(artifact.Length, response.Content.Headers.ContentLength);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[8192];
            var broke = false;
            try
            {
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0)
                {
                    received += read;
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                broke = true;
            }

            Assert.IsTrue(broke, "the body must break off, not end cleanly");
        }

        var whole = await harness.Http.GetByteArrayAsync(location);

        Assert.AreEqual(100L, received, "exactly the bytes before the cut arrive");
        CollectionAssert.AreEqual(artifact, whole);
        var storage = harness.Server.Requests.Where(r => r.Path.StartsWith("/storage/", StringComparison.Ordinal)).ToArray();
        Assert.HasCount(2, storage);
        Assert.AreEqual("cut after 100 bytes (1 of 1)", storage[0].Fault);
        Assert.AreEqual(200, storage[0].Status, "the headers went out: the status was sent");
        Assert.IsNull(storage[1].Fault);
    }

    [TestMethod]
    public async Task ConcurrentRequests_UseARuleUpExactlyTimesTimes()
    {
        await using var harness = await ServerHarness.StartAsync();
        var rule = harness.Server.Simulation.Faults.AddStatus("GET", "api", 503, times: 10);

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => harness.GetAsync("/api/v1/me")));

        Assert.AreEqual(10, answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable));
        Assert.AreEqual(30, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.AreEqual(10, rule.Applied);
        Assert.AreEqual(10, harness.Server.Requests.Count(r => r.Fault is not null));
    }

    [TestMethod]
    public async Task Log_NamesTheInjectedFault()
    {
        var lines = new ConcurrentQueue<string>();
        await using var harness = await ServerHarness.StartAsync(o => o.Log = lines.Enqueue);
        harness.Server.Simulation.Faults.AddStatus("GET", "api", 502);

        await harness.GetAsync("/api/v1/me");
        await harness.GetAsync("/api/v1/me");

        // The line is written when the request ends, which may be just after the client has its answer.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (lines.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        var logged = lines.ToArray();
        Assert.HasCount(2, logged);
        Assert.MatchesRegex(@"^GET /api/v1/me 502 \d+ms fault: status 502 \(1 of 1\)$", logged[0]);
        Assert.MatchesRegex(@"^GET /api/v1/me 200 \d+ms$", logged[1]);
    }
}
