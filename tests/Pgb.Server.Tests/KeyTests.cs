using System.Collections.Concurrent;

namespace Pgb.Server.Tests;

/// <summary>/api/v1/keys and v0's keys: upload, listings, unlock, delete, in the shapes of the API docs' examples.</summary>
[TestClass]
public sealed class KeyTests
{
    [TestMethod]
    public async Task AddIos_WithPassword_AnswersTheDocumentedShapeUnlocked()
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await KeyUploads.PostAsync(harness, "ios", KeyUploads.Ios("{\"title\":\"Developer Cert\",\"password\":\"12345678\"}"));

        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        var key = answer.Object;
        var id = (int)key["id"]!;
        CollectionAssert.AreEquivalent(new[] { "id", "title", "default", "cert_name", "provision", "link", "role", "locked" }, key.Select(p => p.Key).ToArray());
        Assert.AreEqual("Developer Cert", (string?)key["title"]);
        Assert.IsFalse((bool)key["default"]!);
        Assert.AreEqual("My_Certificate.p12", (string?)key["cert_name"]);
        Assert.AreEqual("meandmyteam.mobileprovision", (string?)key["provision"]);
        Assert.AreEqual("developer", (string?)key["role"]);
        Assert.AreEqual($"/api/v1/keys/ios/{id}", (string?)key["link"]);
        Assert.IsFalse((bool)key["locked"]!);
        Assert.DoesNotContain("12345678", answer.Body);
    }

    [TestMethod]
    public async Task AddAndroid_WithoutKeystorePassword_IsLocked_AndPutUnlocksIt()
    {
        await using var harness = await ServerHarness.StartAsync();
        var answer = await KeyUploads.PostAsync(harness, "android", KeyUploads.Android("{\"title\":\"Android Key\",\"alias\":\"release\",\"key_pw\":\"90123456\"}"));
        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        var id = (int)answer.Object["id"]!;
        CollectionAssert.AreEquivalent(new[] { "id", "title", "default", "alias", "link", "locked" }, answer.Object.Select(p => p.Key).ToArray());
        Assert.AreEqual("release", (string?)answer.Object["alias"]);
        Assert.IsTrue((bool)answer.Object["locked"]!);

        var unlocked = await KeyUploads.PutAsync(harness, "android", id, "{\"key_pw\":\"password1\",\"keystore_pw\":\"password2\"}");
        var read = await harness.GetAsync($"/api/v1/keys/android/{id}");

        Assert.AreEqual(HttpStatusCode.OK, unlocked.Status, unlocked.Body);
        Assert.IsFalse((bool)unlocked.Object["locked"]!);
        Assert.IsFalse((bool)read.Object["locked"]!);
        Assert.DoesNotContain("password", unlocked.Body);
    }

    [TestMethod]
    public async Task Put_WithLockTrue_LocksAgain()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = await KeyUploads.AddAsync(harness, "blackberry", KeyUploads.BlackBerry("{\"title\":\"My BB Key\",\"password\":\"78901234\"}"));

        var locked = await KeyUploads.PutAsync(harness, "blackberry", id, "{\"lock\":true}");

        Assert.AreEqual(HttpStatusCode.OK, locked.Status, locked.Body);
        Assert.IsTrue((bool)locked.Object["locked"]!);
        CollectionAssert.AreEquivalent(new[] { "id", "title", "default", "link", "locked" }, locked.Object.Select(p => p.Key).ToArray());
    }

    [TestMethod]
    public async Task Listings_ShowUploadedKeysInTheirGroups_AndInMe()
    {
        await using var harness = await ServerHarness.StartKeylessAsync();
        var ios = await KeyUploads.AddAsync(harness, "ios", KeyUploads.Ios("{\"title\":\"My Dev Certificate\"}"));
        var android = await KeyUploads.AddAsync(harness, "android", KeyUploads.Android("{\"title\":\"Android Release Key\",\"alias\":\"release\"}"));

        var all = (await harness.GetAsync("/api/v1/keys")).Object;
        var ofIos = (await harness.GetAsync("/api/v1/keys/ios")).Object;
        var me = (await harness.GetAsync("/api/v1/me")).Object;

        Assert.AreEqual("/api/v1/keys", (string?)all["link"]);
        Assert.AreEqual(ios, (int)all["keys"]!["ios"]!["all"]![0]!["id"]!);
        Assert.AreEqual(android, (int)all["keys"]!["android"]!["all"]![0]!["id"]!);
        Assert.IsTrue((bool)all["keys"]!["ios"]!["all"]![0]!["locked"]!, "no password: locked");
        foreach (var group in new[] { "blackberry", "windows", "winphone" })
        {
            Assert.IsEmpty(all["keys"]![group]!["all"]!.AsArray(), group);
        }

        Assert.HasCount(1, ofIos["keys"]!.AsArray());
        Assert.AreEqual("/api/v1/keys/ios", (string?)ofIos["link"]);
        Assert.AreEqual("My Dev Certificate", (string?)ofIos["keys"]![0]!["title"]);
        Assert.AreEqual(android, (int)me["keys"]!["android"]!["all"]![0]!["id"]!);
        Assert.AreEqual("/api/v1/keys", (string?)me["keys"]!["link"]);
    }

    [TestMethod]
    public async Task Get_OfAnotherPlatformOrUnknownId_Is404WithTheDocumentedMessage()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = await KeyUploads.AddAsync(harness, "ios", KeyUploads.Ios("{\"title\":\"k\"}"));

        var wrongPlatform = await harness.GetAsync($"/api/v1/keys/android/{id}");
        var missing = await harness.GetAsync("/api/v1/keys/ios/8989898");

        AnswerAssert.IsError(wrongPlatform, HttpStatusCode.NotFound, $"could not find android key #{id}");
        AnswerAssert.IsError(missing, HttpStatusCode.NotFound, "could not find ios key #8989898");
    }

    [TestMethod]
    public async Task Delete_Answers202ThenTheKeyIsGone()
    {
        await using var harness = await ServerHarness.StartKeylessAsync();
        var id = await KeyUploads.AddAsync(harness, "android", KeyUploads.Android("{\"title\":\"k\",\"alias\":\"a\"}"));

        var deleted = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Delete, $"/api/v1/keys/android/{id}"));
        var again = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Delete, $"/api/v1/keys/android/{id}"));
        var listing = (await harness.GetAsync("/api/v1/keys/android")).Object;

        Assert.AreEqual(HttpStatusCode.Accepted, deleted.Status, deleted.Body);
        Assert.AreEqual($"android key {id} deleted", (string?)deleted.Object["success"]);
        Assert.AreEqual(HttpStatusCode.NotFound, again.Status);
        Assert.IsEmpty(listing["keys"]!.AsArray());
    }

    [TestMethod]
    [DataRow("ios", "{\"title\":\"t\"}", "cert")]
    [DataRow("android", "{\"title\":\"t\",\"alias\":\"a\"}", "keystore")]
    [DataRow("blackberry", "{\"title\":\"t\"}", "db")]
    public async Task Add_WithoutItsFiles_Is400(string platform, string data, string file)
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/keys/{platform}",
            new MultipartFormDataContent { { new StringContent(data), "data" } }));

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status, answer.Body);
        Assert.Contains(file, answer.Error!);
    }

    [TestMethod]
    public async Task Add_WithoutTitleOrAlias_OrForWinphone_Is400()
    {
        await using var harness = await ServerHarness.StartAsync();

        var noTitle = await KeyUploads.PostAsync(harness, "ios", KeyUploads.Ios("{}"));
        var noAlias = await KeyUploads.PostAsync(harness, "android", KeyUploads.Android("{\"title\":\"t\"}"));
        var winphone = await KeyUploads.PostAsync(harness, "windows", KeyUploads.Android("{\"title\":\"t\"}"));
        var unknown = await KeyUploads.PostAsync(harness, "palm", KeyUploads.Android("{\"title\":\"t\"}"));

        Assert.AreEqual(HttpStatusCode.BadRequest, noTitle.Status, noTitle.Body);
        Assert.AreEqual(HttpStatusCode.BadRequest, noAlias.Status, noAlias.Body);
        Assert.AreEqual(HttpStatusCode.BadRequest, winphone.Status, winphone.Body);
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.Status, unknown.Body);
    }

    [TestMethod]
    public async Task Keys_OfOneAccount_AreInvisibleToAnother()
    {
        await using var harness = await ServerHarness.StartAsync(o =>
        {
            o.Accounts.Add(PgbAccount.Development);
            o.Accounts.Add(new PgbAccount("other", "other@example.com", "secret", "other-token"));
        });
        var id = await KeyUploads.AddAsync(harness, "ios", KeyUploads.Ios("{\"title\":\"mine\"}"));

        var theirs = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Get, $"/api/v1/keys/ios/{id}", token: "other-token"));
        var theirList = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Get, "/api/v1/keys/ios", token: "other-token"));

        Assert.AreEqual(HttpStatusCode.NotFound, theirs.Status, theirs.Body);
        Assert.IsEmpty(theirList.Object["keys"]!.AsArray());
    }

    [TestMethod]
    public async Task Passwords_NeverReachTheLog()
    {
        var log = new ConcurrentQueue<string>();
        await using var harness = await ServerHarness.StartAsync(o => o.Log = log.Enqueue);
        var id = await KeyUploads.AddAsync(harness, "ios", KeyUploads.Ios("{\"title\":\"k\",\"password\":\"s3cret-upload\"}"));
        await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/keys/ios/{id}?password=s3cret-query",
            ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString("{\"password\":\"s3cret-put\"}"))));

        Assert.IsNotEmpty(log);
        Assert.IsFalse(log.Any(line => line.Contains("s3cret", StringComparison.Ordinal)), string.Join('\n', log));
    }

    [TestMethod]
    public async Task V0_UploadAndListing_UseV0Shapes()
    {
        await using var harness = await ServerHarness.StartKeylessAsync();
        var form = new MultipartFormDataContent
        {
            { ServerHarness.Bytes([1]), "profile_file", "example.mobileprovision" },
            { ServerHarness.Bytes([2]), "cert_file", "example.p12" },
            { new StringContent("{\"title\":\"Example Key\",\"password\":\"test\"}"), "data" },
        };

        var added = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v0/keys/ios", form));
        var listing = (await harness.GetAsync("/api/v0/keys")).Object;
        var ofIos = JsonNode.Parse((await harness.GetAsync("/api/v0/keys/ios")).Body)!.AsArray();

        Assert.AreEqual(HttpStatusCode.Created, added.Status, added.Body);
        CollectionAssert.AreEquivalent(new[] { "title", "updated_at", "id", "cert_name", "mobile_provision" }, added.Object.Select(p => p.Key).ToArray());
        Assert.AreEqual("example.mobileprovision", (string?)added.Object["mobile_provision"]);
        Assert.AreEqual((int)added.Object["id"]!, (int)listing["ios"]![0]!["id"]!);
        Assert.IsEmpty(listing["android"]!.AsArray());
        Assert.HasCount(1, ofIos);
    }
}
