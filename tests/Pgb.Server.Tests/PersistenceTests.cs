namespace Pgb.Server.Tests;

/// <summary>PgbServerOptions.DataDirectory: what one server wrote, the next one on the same directory serves.</summary>
[TestClass]
public sealed class PersistenceTests
{
    [TestMethod]
    public async Task Restart_OnTheSameDirectory_ServesTheSameAppsBuildsAndBytes()
    {
        using var dir = new TempDirectory();
        var upload = Zips.App("Kept App", icon: "res/icon.png");
        JsonObject before, beforeV0;
        Uri androidLink, iconLink;
        byte[] android, icon, ios;
        await using (var first = await StartAsync(dir))
        {
            var id = (int)(await first.CreateFileAppAsync(title: null, zip: upload))["id"]!;
            await first.WaitForBuildAsync(id, "android");
            await first.WaitForBuildAsync(id, "ios");
            before = (await first.GetAsync($"/api/v1/apps/{id}")).Object;
            beforeV0 = (await first.GetAsync($"/api/v0/apps/{id}")).Object;
            (androidLink, android) = await DownloadAsync(first, $"/api/v1/apps/{id}/android");
            (iconLink, icon) = await DownloadAsync(first, $"/api/v1/apps/{id}/icon");
            ios = first.Server.GetArtifact(id, "ios")!; // never downloaded: made from its spec again after the restart
        }

        await using var second = await StartAsync(dir);
        var after = (await second.GetAsync("/api/v1/apps/1")).Object;
        var afterV0 = (await second.GetAsync("/api/v0/apps/1")).Object;
        var (androidLinkAfter, androidAfter) = await DownloadAsync(second, "/api/v1/apps/1/android");
        var (iconLinkAfter, iconAfter) = await DownloadAsync(second, "/api/v1/apps/1/icon");
        var (_, iosAfter) = await DownloadAsync(second, "/api/v1/apps/1/ios");

        Assert.IsTrue(JsonNode.DeepEquals(before, after), $"before: {before}\nafter:  {after}");
        Assert.IsTrue(JsonNode.DeepEquals(beforeV0, afterV0), $"before: {beforeV0}\nafter:  {afterV0}");
        Assert.AreEqual(androidLink.AbsolutePath, androidLinkAfter.AbsolutePath);
        CollectionAssert.AreEqual(android, androidAfter);
        CollectionAssert.AreEqual(android, second.Server.GetArtifact(1, "android"));
        Assert.AreEqual(iconLink.AbsolutePath, iconLinkAfter.AbsolutePath);
        CollectionAssert.AreEqual(icon, iconAfter);
        CollectionAssert.AreEqual(ios, iosAfter);
        Assert.AreEqual(Path.GetFullPath(dir.Path), second.Server.DataDirectory);
        var sources = Directory.GetFiles(dir.Combine("blobs", "source"));
        Assert.HasCount(1, sources, "one upload, one source blob");
        CollectionAssert.AreEqual(upload, File.ReadAllBytes(sources[0]), "the upload is kept");
    }

    [TestMethod]
    public async Task Restart_KeepsARepoAppWithItsPullsKeysAndFlags()
    {
        using var dir = new TempDirectory();
        using var repository = await GitRepository.CordovaAsync("Repo App", "from git");
        JsonObject before;
        await using (var first = await StartAsync(dir))
        {
            var data = $"{{\"title\":\"Repo App\",\"repo\":\"{repository.Url}\",\"private\":false,\"debug\":true," +
                "\"hydrates\":true,\"description\":\"d\",\"tag\":\"main\",\"share\":true,\"ios_phonegap_version\":\"3.1.0\"," +
                "\"keys\":{\"blackberry\":7,\"ios\":{\"id\":3,\"password\":\"x\"}}}";
            var created = await first.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString(data))));
            Assert.AreEqual(HttpStatusCode.Created, created.Status, created.Body);
            var pulled = await first.SendAsync(ServerHarness.Authorized(HttpMethod.Put, "/api/v1/apps/1", ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString("{\"pull\":true}"))));
            Assert.AreEqual(HttpStatusCode.OK, pulled.Status, pulled.Body);
            await first.WaitForBuildAsync(1, "blackberry");
            before = (await first.GetAsync("/api/v1/apps/1")).Object;
        }

        await using var second = await StartAsync(dir);
        var after = (await second.GetAsync("/api/v1/apps/1")).Object;
        var log = (await second.GetAsync("/api/v1/apps/1/logs/blackberry/build")).Object;

        Assert.IsTrue(JsonNode.DeepEquals(before, after), $"before: {before}\nafter:  {after}");
        Assert.EndsWith("-blackberry.zip\n", (string?)log["log"], "a BlackBerry key still makes a zip");
    }

    [TestMethod]
    public async Task Restart_StorageLinkHandedOutBefore_StillAnswersTheBytes()
    {
        using var dir = new TempDirectory();
        Uri link;
        byte[] bytes;
        await using (var first = await StartAsync(dir))
        {
            var id = (int)(await first.CreateFileAppAsync())["id"]!;
            await first.WaitForBuildAsync(id, "webos");
            (link, bytes) = await DownloadAsync(first, $"/api/v1/apps/{id}/webos");
        }

        await using var second = await StartAsync(dir);
        using var answer = await second.Http.GetAsync(link.AbsolutePath); // the new server's port, the old path

        Assert.AreEqual(HttpStatusCode.OK, answer.StatusCode);
        CollectionAssert.AreEqual(bytes, await answer.Content.ReadAsByteArrayAsync());
    }

    [TestMethod]
    public async Task Restart_WhileABuildIsPending_TheBuildStillEndsByItself()
    {
        using var dir = new TempDirectory();
        int id;
        await using (var first = await StartAsync(dir, o => o.BuildDuration = TimeSpan.FromMilliseconds(700)))
        {
            id = (int)(await first.CreateFileAppAsync())["id"]!;
        }

        await using var second = await StartAsync(dir);
        var finished = await second.WaitForBuildAsync(id, "android");
        var download = await second.GetAsync($"/api/v1/apps/{id}/android");

        Assert.AreEqual("complete", (string?)finished["status"]!["android"]);
        Assert.AreEqual(HttpStatusCode.Found, download.Status, download.Body);
    }

    [TestMethod]
    public async Task Restart_WhileABuildIsPending_GivesItOnlyTheTimeItHadLeft()
    {
        using var dir = new TempDirectory();
        var id = await CreateTenMinuteBuildAndStopAsync(dir, ranFor: TimeSpan.FromMinutes(4));

        // Two minutes of downtime: 4 of the 10 minutes are left.
        var secondClock = new ManualClock();
        secondClock.Advance(TimeSpan.FromMinutes(6));
        await using var second = await StartAsync(dir, clock: secondClock);
        secondClock.Advance(TimeSpan.FromMinutes(3));
        var stillPending = (await second.GetAsync($"/api/v1/apps/{id}")).Object;
        secondClock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var finished = (await second.GetAsync($"/api/v1/apps/{id}")).Object;

        Assert.AreEqual("pending", (string?)stillPending["status"]!["android"]);
        Assert.AreEqual("complete", (string?)finished["status"]!["android"]);
    }

    [TestMethod]
    public async Task Restart_WithTheWallClockSetBack_APendingBuildWaitsAtMostItsDuration()
    {
        using var dir = new TempDirectory();
        var id = await CreateTenMinuteBuildAndStopAsync(dir, ranFor: TimeSpan.Zero);

        var secondClock = new ManualClock();
        secondClock.SetWallClock(secondClock.GetUtcNow() - TimeSpan.FromDays(30));
        await using var second = await StartAsync(dir, clock: secondClock);
        secondClock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var app = (await second.GetAsync($"/api/v1/apps/{id}")).Object;

        Assert.AreEqual("complete", (string?)app["status"]!["android"]);
    }

    [TestMethod]
    public async Task Restart_WithTheWallClockSetBack_AFinishedBuildStaysFinished()
    {
        using var dir = new TempDirectory();
        var id = await CreateTenMinuteBuildAndStopAsync(dir, ranFor: TimeSpan.FromMinutes(11)); // finished, but nothing asked since: recorded at the stop

        var secondClock = new ManualClock();
        secondClock.SetWallClock(secondClock.GetUtcNow() - TimeSpan.FromDays(30));
        await using var second = await StartAsync(dir, clock: secondClock);
        var app = (await second.GetAsync($"/api/v1/apps/{id}")).Object;

        Assert.AreEqual("complete", (string?)app["status"]!["android"]);
    }

    [TestMethod]
    public async Task Restart_AppIds_ContinueAndAreNeverReused()
    {
        using var dir = new TempDirectory();
        await using (var first = await StartAsync(dir))
        {
            await first.CreateFileAppAsync("One");
            var two = (int)(await first.CreateFileAppAsync("Two"))["id"]!;
            var deleted = await first.SendAsync(ServerHarness.Authorized(HttpMethod.Delete, $"/api/v1/apps/{two}"));
            Assert.AreEqual(HttpStatusCode.Accepted, deleted.Status, deleted.Body);
        }

        await using var second = await StartAsync(dir);
        var three = await second.CreateFileAppAsync("Three");
        var list = (await second.GetAsync("/api/v1/apps")).Object;
        var gone = await second.GetAsync("/api/v1/apps/2");

        Assert.AreEqual(3, (int?)three["id"]);
        CollectionAssert.AreEqual(new[] { 1, 3 }, list["apps"]!.AsArray().Select(a => (int)a!["id"]!).ToArray());
        Assert.AreEqual(HttpStatusCode.NotFound, gone.Status);
    }

    [TestMethod]
    public async Task Delete_RemovesTheAppsFilesFromTheDirectory()
    {
        using var dir = new TempDirectory();
        await using var harness = await StartAsync(dir);
        var id = (int)(await harness.CreateFileAppAsync(title: null, zip: Zips.App("Gone", icon: "icon.png")))["id"]!;
        await harness.WaitForBuildAsync(id, "android");
        await DownloadAsync(harness, $"/api/v1/apps/{id}/android");
        Assert.IsNotEmpty(Directory.GetFiles(dir.Combine("blobs"), "*", SearchOption.AllDirectories));

        await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Delete, $"/api/v1/apps/{id}"));

        Assert.IsFalse(File.Exists(dir.Combine("apps", $"{id}.json")));
        Assert.IsEmpty(Directory.GetFiles(dir.Combine("blobs"), "*", SearchOption.AllDirectories));
    }

    [TestMethod]
    public async Task Save_ManyRequestsOnOneAppAtOnce_LeaveAReadableFileWithTheLastState()
    {
        using var dir = new TempDirectory();
        int id;
        JsonObject last;
        await using (var first = await StartAsync(dir))
        {
            id = (int)(await first.CreateFileAppAsync())["id"]!;
            await Task.WhenAll(Enumerable.Range(0, 24).Select(i => i % 3 == 0
                ? first.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/build/android", new StringContent(string.Empty)))
                : first.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/apps/{id}",
                    ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString($"{{\"title\":\"Title {i}\",\"version\":\"1.0.{i}\"}}"))))));
            await first.WaitForBuildAsync(id, "android");
            await first.WaitForBuildAsync(id, "ios");
            last = (await first.GetAsync($"/api/v1/apps/{id}")).Object;
        }

        Assert.IsEmpty(Directory.GetFiles(dir.Combine("tmp")));
        await using var second = await StartAsync(dir);
        var after = (await second.GetAsync($"/api/v1/apps/{id}")).Object;

        Assert.IsTrue(JsonNode.DeepEquals(last, after), $"before: {last}\nafter:  {after}");
    }

    [TestMethod]
    public async Task Restart_WithoutADataDirectory_StartsEmpty()
    {
        await using (var first = await ServerHarness.StartAsync())
        {
            await first.CreateFileAppAsync();
            Assert.IsNull(first.Server.DataDirectory);
        }

        await using var second = await ServerHarness.StartAsync();
        var app = await second.GetAsync("/api/v1/apps/1");
        var list = (await second.GetAsync("/api/v1/apps")).Object;

        Assert.AreEqual(HttpStatusCode.NotFound, app.Status);
        Assert.IsEmpty(list["apps"]!.AsArray());
        Assert.AreEqual(1, (int?)(await second.CreateFileAppAsync())["id"]);
    }

    [TestMethod]
    public async Task Restart_WithoutTheOwnersAccount_KeepsItsAppsUnreachableUntilItIsBack()
    {
        using var dir = new TempDirectory();
        var alice = new PgbAccount("alice", "alice@example.com", "a", "alice-token");
        var bob = new PgbAccount("bob", "bob@example.com", "b", "bob-token");
        await using (var first = await StartAsync(dir, o => { o.Accounts.Add(alice); o.Accounts.Add(bob); }))
        {
            var form = new MultipartFormDataContent { { ServerHarness.Bytes(Zips.App("Bobs App")), "file", "app.zip" } };
            var created = await first.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", form, "bob-token"));
            Assert.AreEqual(HttpStatusCode.Created, created.Status, created.Body);
        }

        await using (var aliceOnly = await StartAsync(dir, o => o.Accounts.Add(alice)))
        {
            var hidden = await aliceOnly.SendAsync(ServerHarness.Authorized(HttpMethod.Get, "/api/v1/apps/1", token: "alice-token"));
            var next = await aliceOnly.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps",
                new MultipartFormDataContent { { ServerHarness.Bytes(Zips.App("Alices App")), "file", "app.zip" } }, "alice-token"));
            Assert.AreEqual(HttpStatusCode.NotFound, hidden.Status);
            Assert.AreEqual(2, (int?)next.Object["id"], "the unreachable app keeps its id");
        }

        await using var both = await StartAsync(dir, o => { o.Accounts.Add(alice); o.Accounts.Add(bob); });
        var back = await both.SendAsync(ServerHarness.Authorized(HttpMethod.Get, "/api/v1/apps/1", token: "bob-token"));

        Assert.AreEqual(HttpStatusCode.OK, back.Status, back.Body);
        Assert.AreEqual("Bobs App", (string?)back.Object["title"]);
    }

    [TestMethod]
    public async Task Start_WithBlobsNoAppRefersTo_DeletesThem()
    {
        using var dir = new TempDirectory();
        await using (await StartAsync(dir))
        {
        }

        Directory.CreateDirectory(dir.Combine("blobs", "public", "0123456789abcdef0123456789abcdef"));
        File.WriteAllText(dir.Combine("blobs", "public", "0123456789abcdef0123456789abcdef", "left-over.apk"), "x");
        File.WriteAllText(dir.Combine("tmp", "half-written.tmp"), "x");

        await using var harness = await StartAsync(dir);

        Assert.IsFalse(Directory.Exists(dir.Combine("blobs", "public", "0123456789abcdef0123456789abcdef")));
        Assert.IsEmpty(Directory.GetFiles(dir.Combine("tmp")));
    }

    /// <summary>Creates a file app on a server over <paramref name="dir"/> whose builds take ten minutes of a manual clock,
    /// lets that clock run <paramref name="ranFor"/>, and stops the server; returns the app's id.</summary>
    private static async Task<int> CreateTenMinuteBuildAndStopAsync(TempDirectory dir, TimeSpan ranFor)
    {
        var clock = new ManualClock();
        await using var first = await StartAsync(dir, o => o.BuildDuration = TimeSpan.FromMinutes(10), clock);
        var id = (int)(await first.CreateFileAppAsync())["id"]!;
        clock.Advance(ranFor);
        return id;
    }

    internal static Task<ServerHarness> StartAsync(TempDirectory dir, Action<PgbServerOptions>? configure = null, TimeProvider? clock = null) =>
        ServerHarness.StartAsync(o =>
        {
            o.DataDirectory = dir.Path;
            configure?.Invoke(o);
        }, clock);

    /// <summary>The 302 of a download or icon link, then the storage object it points to (fetched without credentials).</summary>
    internal static async Task<(Uri Location, byte[] Bytes)> DownloadAsync(ServerHarness harness, string path, string token = ServerHarness.Token)
    {
        var redirect = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Get, path, token: token));
        Assert.AreEqual(HttpStatusCode.Found, redirect.Status, redirect.Body);
        using var storage = await harness.Http.GetAsync(redirect.Location);
        Assert.AreEqual(HttpStatusCode.OK, storage.StatusCode);
        return (redirect.Location!, await storage.Content.ReadAsByteArrayAsync());
    }
}
