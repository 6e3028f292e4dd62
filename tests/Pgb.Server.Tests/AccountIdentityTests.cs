using System.Collections.Concurrent;

namespace Pgb.Server.Tests;

/// <summary>In a data directory an account is its e-mail address. Restarting with the accounts reordered, renamed or left
/// out never hands an app to another account: an app whose owner is not configured stays unreachable, and is reported.</summary>
[TestClass]
public sealed class AccountIdentityTests
{
    private static readonly PgbAccount Ann = new("ann", "ann@example.com", "ann-password", "ann-token");
    private static readonly PgbAccount Bob = new("bob", "bob@example.com", "bob-password", "bob-token");
    private static readonly PgbAccount Carol = new("carol", "carol@example.com", "carol-password", "carol-token");

    /// <summary>Today's server handed Ann's apps to Bob here: the owner was a position in the list.</summary>
    [TestMethod]
    public async Task Restart_WithTheAccountsReordered_LeavesEveryAppWithItsOwner()
    {
        using var dir = new TempDirectory();
        int annApp, bobApp;
        JsonObject annBefore;
        await using (var first = await StartAsync(dir, Ann, Bob))
        {
            annApp = await CreateAsync(first, Ann, "Ann's");
            bobApp = await CreateAsync(first, Bob, "Bob's");
            annBefore = await MeAsync(first, Ann);
        }

        await using var second = await StartAsync(dir, Bob, Ann);

        CollectionAssert.AreEqual(new[] { annApp }, await AppIdsAsync(second, Ann));
        CollectionAssert.AreEqual(new[] { bobApp }, await AppIdsAsync(second, Bob));
        Assert.AreEqual(HttpStatusCode.NotFound, (await second.SendAsync(As(Bob, HttpMethod.Get, $"/api/v1/apps/{annApp}"))).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await second.SendAsync(As(Bob, HttpMethod.Delete, $"/api/v1/apps/{annApp}"))).Status);
        var annAfter = await MeAsync(second, Ann);
        Assert.AreEqual((int?)annBefore["id"], (int?)annAfter["id"], "an account keeps its id");
        Assert.AreEqual((string?)annBefore["created_at"], (string?)annAfter["created_at"]);
        Assert.AreEqual("ann@example.com", (string?)(await second.SendAsync(As(Ann, HttpMethod.Get, $"/api/v1/apps/{annApp}"))).Object["collaborators"]!["active"]![0]!["person"]);
    }

    [TestMethod]
    public async Task Restart_WithoutAnOwner_KeepsItsAppsUnreachableAndReportsThem_UntilItComesBack()
    {
        using var dir = new TempDirectory();
        int annApp;
        await using (var first = await StartAsync(dir, Ann, Bob))
        {
            annApp = await CreateAsync(first, Ann, "Ann's");
            await CreateAsync(first, Bob, "Bob's");
        }

        var log = new ConcurrentQueue<string>();
        await using (var withoutAnn = await StartAsync(dir, [Bob, Carol], log.Enqueue))
        {
            var unreachable = withoutAnn.Server.UnreachableApps.Single();
            Assert.AreEqual("ann@example.com", unreachable.OwnerEmail);
            CollectionAssert.AreEqual(new[] { annApp }, unreachable.AppIds.ToArray());
            Assert.Contains(line => line.StartsWith($"apps {annApp} in ", StringComparison.Ordinal) && line.Contains("ann@example.com"), log);
            Assert.AreEqual(HttpStatusCode.NotFound, (await withoutAnn.SendAsync(As(Carol, HttpMethod.Get, $"/api/v1/apps/{annApp}"))).Status);
            Assert.IsEmpty(await AppIdsAsync(withoutAnn, Carol), "a new account gets a new id, not the absent one's");
        }

        await using var annBack = await StartAsync(dir, Carol, new PgbAccount("annie", "ANN@example.com", "new-password", "new-token"));

        Assert.IsEmpty(annBack.Server.UnreachableApps.Where(u => u.OwnerEmail.Equals("ann@example.com", StringComparison.OrdinalIgnoreCase)));
        CollectionAssert.AreEqual(new[] { annApp }, await AppIdsAsync(annBack, new PgbAccount("annie", "ANN@example.com", "new-password", "new-token")),
            "the e-mail is the identity: user name, password, token and case may change");
    }

    [TestMethod]
    public async Task Restart_WithAnotherUserNameForTheSameEmail_KeepsTheApps()
    {
        using var dir = new TempDirectory();
        int annApp;
        await using (var first = await StartAsync(dir, Ann))
        {
            annApp = await CreateAsync(first, Ann, "Ann's");
        }

        var renamed = Ann with { UserName = "ann.smith" };
        await using var second = await StartAsync(dir, renamed);

        CollectionAssert.AreEqual(new[] { annApp }, await AppIdsAsync(second, renamed));
        Assert.AreEqual("ann.smith", (string?)(await MeAsync(second, renamed))["username"]);
    }

    /// <summary>tests/Pgb.Server.Tests/TestData/format1: written by the server of data format 1 with ann, then bob. Opened
    /// with bob first, each still owns its own app, and nothing of it was lost.</summary>
    [TestMethod]
    public async Task Format1Directory_OpensWithEachAppItsOwners_WhateverTheOrderNow()
    {
        using var dir = OldDataDirectories.Copy("format1");

        await using (var server = await StartAsync(dir, Bob, Ann))
        {
            var annApp = (await server.SendAsync(As(Ann, HttpMethod.Get, "/api/v1/apps/1"))).Object;
            var bobApp = (await server.SendAsync(As(Bob, HttpMethod.Get, "/api/v1/apps/2"))).Object;
            Assert.AreEqual("Ann App", (string?)annApp["title"]);
            Assert.AreEqual("complete", (string?)annApp["status"]!["android"]);
            Assert.AreEqual("Bob App", (string?)bobApp["title"]);
            CollectionAssert.AreEqual(new[] { 1 }, await AppIdsAsync(server, Ann));
            CollectionAssert.AreEqual(new[] { 2 }, await AppIdsAsync(server, Bob));
            Assert.IsEmpty(server.Server.UnreachableApps);

            var download = await server.SendAsync(As(Ann, HttpMethod.Get, "/api/v1/apps/1/android"));
            Assert.AreEqual("/storage/a103c9918ffb41a7a2ca9ec3ef4d986f/Ann-App-android.apk", download.Location!.AbsolutePath, "the link handed out before");
            CollectionAssert.AreEqual(File.ReadAllBytes(OldDataDirectories.TestDataPath("format1", "blobs", "public", "a103c9918ffb41a7a2ca9ec3ef4d986f", "Ann-App-android.apk")),
                await server.Http.GetByteArrayAsync(download.Location));
            Assert.AreEqual(HttpStatusCode.Found, (await server.SendAsync(As(Bob, HttpMethod.Get, "/api/v1/apps/2/icon"))).Status);
            Assert.AreEqual(3, await CreateAsync(server, Ann, "Third"), "ids go on");
        }

        StringAssert.Contains(File.ReadAllText(dir.Combine("state.json")), "\"format\": 3", "older servers are kept out from now on");
        StringAssert.Contains(File.ReadAllText(dir.Combine("accounts.json")), "\"email\": \"ann@example.com\"");
    }

    [TestMethod]
    public async Task Format1Directory_OpenedWithoutAnOwner_ReportsItsApp()
    {
        using var dir = OldDataDirectories.Copy("format1");

        await using var server = await StartAsync(dir, Bob);

        var unreachable = server.Server.UnreachableApps.Single();
        Assert.AreEqual("ann@example.com", unreachable.OwnerEmail);
        CollectionAssert.AreEqual(new[] { 1 }, unreachable.AppIds.ToArray());
        CollectionAssert.AreEqual(new[] { 2 }, await AppIdsAsync(server, Bob));
    }

    [TestMethod]
    [DataRow("annie", "ANN@example.com", "other-token", "e-mail 'ann@example.com'")]
    [DataRow("ANN", "other@example.com", "other-token", "user name 'ann'")]
    [DataRow("other", "other@example.com", "ann-token", "same token")]
    public async Task Start_WithTwoAccountsSharingAnIdentity_Fails(string userName, string email, string token, string named)
    {
        var e = await Assert.ThrowsExactlyAsync<ArgumentException>(() => ServerHarness.StartAsync(o =>
        {
            o.Accounts.Add(Ann);
            o.Accounts.Add(new PgbAccount(userName, email, "pw", token));
        }));

        Assert.Contains(named, e.Message);
        Assert.DoesNotContain("ann-token", e.Message, "tokens are secrets");
    }

    private static Task<ServerHarness> StartAsync(TempDirectory dir, params PgbAccount[] accounts) => StartAsync(dir, accounts, log: null);

    private static Task<ServerHarness> StartAsync(TempDirectory dir, PgbAccount[] accounts, Action<string>? log) =>
        PersistenceTests.StartAsync(dir, o =>
        {
            foreach (var account in accounts)
            {
                o.Accounts.Add(account);
            }

            o.Log = log;
        });

    private static HttpRequestMessage As(PgbAccount account, HttpMethod method, string path, HttpContent? content = null) =>
        ServerHarness.Authorized(method, path, content, account.Token);

    private static Task<int> CreateAsync(ServerHarness harness, PgbAccount owner, string title) =>
        AppUploads.CreatedIdAsync(harness, $"{{\"title\":\"{title}\"}}", owner.Token);

    private static async Task<int[]> AppIdsAsync(ServerHarness harness, PgbAccount account)
    {
        var answer = await harness.SendAsync(As(account, HttpMethod.Get, "/api/v1/apps"));
        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
        return [.. answer.Object["apps"]!.AsArray().Select(app => (int)app!["id"]!)];
    }

    private static async Task<JsonObject> MeAsync(ServerHarness harness, PgbAccount account) =>
        (await harness.SendAsync(As(account, HttpMethod.Get, "/api/v1/me"))).Object;
}
