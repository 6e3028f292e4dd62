namespace Pgb.Server.Tests;

/// <summary>Requests on one app at the same time, in memory and with a data directory: each answer shows the state its
/// own request produced, and a package link handed out for a build that a delete or a rebuild replaced stops working
/// (docs/server.md, "Downloads": a storage URL is valid until that platform is queued again or the app is deleted).
/// Races are probed a bounded number of times; each round is cheap, so a regression shows up in nearly every run.</summary>
[TestClass]
public sealed class ConcurrencyTests
{
    private const int Rounds = 40;
    private const int DownloadsPerRound = 4;

    [TestMethod]
    [DataRow(false, "/api/v1/apps", DisplayName = "v1, in memory")]
    [DataRow(true, "/api/v1/apps", DisplayName = "v1, data directory")]
    [DataRow(false, "/api/v0/apps", DisplayName = "v0, in memory")]
    public async Task Update_ManyAtOnce_EachAnswerShowsTheTitleItSet(bool persisted, string apps)
    {
        using var data = persisted ? new TempDirectory() : null;
        await using var harness = await ServerHarness.StartAsync(o => o.DataDirectory = data?.Path);
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        for (var round = 0; round < Rounds / 4; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
            {
                var title = $"Title {round}.{i}";
                var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"{apps}/{id}",
                    ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString($"{{\"title\":\"{title}\"}}"))));
                return (Sent: title, Answer: answer);
            }));

            foreach (var (sent, answer) in answers)
            {
                Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
                Assert.AreEqual(sent, (string?)answer.Object["title"], $"round {round}: an answer shows another request's title");
            }
        }
    }

    [TestMethod]
    [DataRow(false, DisplayName = "in memory")]
    [DataRow(true, DisplayName = "data directory")]
    public async Task Download_RacingADelete_NeverLeavesALiveStorageUrl(bool persisted)
    {
        using var data = persisted ? new TempDirectory() : null;
        await using var harness = await ServerHarness.StartAsync(o =>
        {
            o.DataDirectory = data?.Path;
            o.BuildDuration = TimeSpan.Zero;
        });

        for (var round = 0; round < Rounds; round++)
        {
            var id = (int)(await harness.CreateFileAppAsync($"Round {round}"))["id"]!;

            var downloads = Enumerable.Range(0, DownloadsPerRound).Select(_ => harness.GetAsync($"/api/v1/apps/{id}/android")).ToList();
            var delete = harness.SendAsync(ServerHarness.Authorized(HttpMethod.Delete, $"/api/v1/apps/{id}"));
            await Task.WhenAll([.. downloads, delete]);

            Assert.AreEqual(HttpStatusCode.Accepted, (await delete).Status);
            await AssertDeadAsync(harness, downloads.Select(d => d.Result), $"round {round}: a package of deleted app #{id}");
        }
    }

    [TestMethod]
    [DataRow(false, DisplayName = "in memory")]
    [DataRow(true, DisplayName = "data directory")]
    public async Task Download_RacingARebuild_NeverLeavesALiveUrlForTheReplacedBuild(bool persisted)
    {
        using var data = persisted ? new TempDirectory() : null;
        var clock = new ManualClock();
        await using var harness = await ServerHarness.StartAsync(o =>
        {
            o.DataDirectory = data?.Path;
            o.BuildDuration = TimeSpan.FromSeconds(1);
        }, clock);
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        for (var round = 0; round < Rounds; round++)
        {
            // The current build completes; the rebuild below stays pending (the clock stands still), so every package
            // link a download hands out belongs to the build the rebuild replaces.
            clock.Advance(TimeSpan.FromSeconds(2));
            var downloads = Enumerable.Range(0, DownloadsPerRound).Select(_ => harness.GetAsync($"/api/v1/apps/{id}/android")).ToList();
            var rebuild = harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/build/android", new StringContent(string.Empty)));
            await Task.WhenAll([.. downloads, rebuild]);

            Assert.AreEqual(HttpStatusCode.Accepted, (await rebuild).Status);
            await AssertDeadAsync(harness, downloads.Select(d => d.Result), $"round {round}: a package of a replaced build");
        }
    }

    /// <summary>Every download that answered 302 handed out a link that must now be gone; the others answered 404.</summary>
    private static async Task AssertDeadAsync(ServerHarness harness, IEnumerable<Answer> downloads, string what)
    {
        foreach (var download in downloads)
        {
            if (download.Status == HttpStatusCode.NotFound)
            {
                continue;
            }

            Assert.AreEqual(HttpStatusCode.Found, download.Status, download.Body);
            using var stored = await harness.Http.GetAsync(download.Location);
            Assert.AreEqual(HttpStatusCode.NotFound, stored.StatusCode, $"{what} is still served at {download.Location}");
            Assert.AreEqual("no such object in storage", (string?)JsonNode.Parse(await stored.Content.ReadAsStringAsync())!["error"]);
        }
    }
}
