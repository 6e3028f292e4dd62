namespace Pgb.Server.Tests;

/// <summary>What the service did that clients were written against: ios not built (status null) without a signing key,
/// default keys selected by new apps as in the Write API's create answers, a development account that can build both
/// platforms of the README's flow, and the create fields the official CLI sent kept and echoed.</summary>
[TestClass]
public sealed class FidelityTests
{
    [TestMethod]
    public async Task Ios_WithoutAKey_StaysNull_IsNotBuilt_AndItsDownloadIs404()
    {
        await using var harness = await ServerHarness.StartKeylessAsync();

        var created = await harness.CreateFileAppAsync("No Keys");
        var id = (int)created["id"]!;
        var app = await harness.WaitForBuildAsync(id, "android");
        var download = await harness.GetAsync($"/api/v1/apps/{id}/ios");
        var queued = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/build/ios", new StringContent(string.Empty)));

        Assert.IsNull(created["status"]!["ios"], "null in the create answer, as in the Read API's examples");
        Assert.IsNull(created["keys"]!["ios"]);
        Assert.IsNull(app["status"]!["ios"]);
        Assert.AreEqual("complete", (string?)app["status"]!["android"], "android builds without a key (debug-signed)");
        Assert.AreEqual("complete", (string?)(await harness.WaitForBuildAsync(id, "blackberry"))["status"]!["blackberry"], "an unsigned jad");
        AnswerAssert.IsError(download, HttpStatusCode.NotFound, $"app #{id} download unavailable for ios");
        Assert.AreEqual(HttpStatusCode.Accepted, queued.Status, queued.Body);
        Assert.IsNull(queued.Object["status"]!["ios"], "asking for it builds nothing either");
        Assert.IsNull(harness.Server.GetArtifact(id, "ios"));
    }

    [TestMethod]
    public async Task Ios_WithAnUnlockedKey_IsBuilt()
    {
        await using var harness = await ServerHarness.StartKeylessAsync();
        var key = await KeyUploads.AddAsync(harness, "ios", KeyUploads.Ios("{\"title\":\"ios-key\",\"password\":\"p\"}"));

        var created = await harness.CreateFileAppAsync("Signed");
        var id = (int)created["id"]!;
        var selected = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/apps/{id}",
            ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString($"{{\"keys\":{{\"ios\":{key}}}}}"))));
        var app = await harness.WaitForBuildAsync(id, "ios");

        Assert.IsNull(created["status"]!["ios"]);
        Assert.AreEqual("pending", (string?)selected.Object["status"]!["ios"], "selecting a key queues ios, like any change");
        Assert.AreEqual("complete", (string?)app["status"]!["ios"]);
        Assert.AreEqual(HttpStatusCode.Found, (await harness.GetAsync($"/api/v1/apps/{id}/ios")).Status);
    }

    [TestMethod]
    public async Task DevelopmentAccount_StartsWithDefaultKeysForAndroidAndIos_SoItsAppsBuildBoth()
    {
        await using var harness = await ServerHarness.StartAsync();

        var keys = (await harness.GetAsync("/api/v1/keys")).Object["keys"]!;
        var created = await harness.CreateFileAppAsync("Dev App");
        var id = (int)created["id"]!;
        var app = await harness.WaitForBuildAsync(id, "ios");

        var ios = keys["ios"]!["all"]!.AsArray().Single()!;
        var android = keys["android"]!["all"]!.AsArray().Single()!;
        Assert.AreEqual("iOS Development Key", (string?)ios["title"]);
        Assert.IsTrue((bool)ios["default"]!);
        Assert.IsFalse((bool)ios["locked"]!, "unlocked: no password to give");
        Assert.AreEqual("androiddebugkey", (string?)android["alias"]);
        Assert.IsTrue((bool)android["default"]!);
        Assert.IsFalse((bool)android["locked"]!);
        Assert.IsEmpty(keys["blackberry"]!["all"]!.AsArray());
        Assert.AreEqual((int)ios["id"]!, (int)created["keys"]!["ios"]!["id"]!);
        Assert.IsTrue((bool)created["keys"]!["ios"]!["default"]!);
        Assert.AreEqual("complete", (string?)app["status"]!["ios"]);
        Assert.AreEqual("complete", (string?)(await harness.WaitForBuildAsync(id, "android"))["status"]!["android"]);
    }

    [TestMethod]
    public async Task ConfiguredAccount_StartsWithNoKey_EvenBesideTheDevelopmentOne()
    {
        await using var harness = await ServerHarness.StartAsync(o =>
        {
            o.Accounts.Add(PgbAccount.Development);
            o.Accounts.Add(new PgbAccount("bob", "bob@example.com", "bob-password", "bob-token"));
        });

        var dev = (await harness.GetAsync("/api/v1/keys")).Object["keys"]!;
        var bob = (await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Get, "/api/v1/keys", token: "bob-token"))).Object["keys"]!;

        foreach (var group in new[] { "ios", "android", "blackberry", "windows", "winphone" })
        {
            Assert.IsEmpty(bob[group]!["all"]!.AsArray(), group);
            Assert.IsEmpty(dev[group]!["all"]!.AsArray(), "the development account given with --user is a configured account like any other");
        }
    }

    /// <summary>Write API, create: the owner's <c>default: true</c> keys show up in the new app's <c>keys</c>.</summary>
    [TestMethod]
    public async Task DefaultKey_IsSelectedByAppsCreatedAfterwards_NotByEarlierOnes_AndNotWhereKeysNameAnother()
    {
        await using var harness = await ServerHarness.StartKeylessAsync();
        var before = (int)(await harness.CreateFileAppAsync("Before"))["id"]!;
        var other = await KeyUploads.AddAsync(harness, "android", KeyUploads.Android("{\"title\":\"other\",\"alias\":\"o\",\"key_pw\":\"a\",\"keystore_pw\":\"b\"}"));
        var added = await KeyUploads.PostAsync(harness, "ios", KeyUploads.Ios("{\"title\":\"ios-key\",\"password\":\"p\",\"default\":true}"));
        var release = await KeyUploads.AddAsync(harness, "android",
            KeyUploads.Android("{\"title\":\"release-key\",\"alias\":\"r\",\"key_pw\":\"a\",\"keystore_pw\":\"b\",\"default\":true}"));

        var after = await harness.CreateFileAppAsync("After");
        var naming = await AppUploads.CreateAsync(harness, $"{{\"title\":\"Naming\",\"keys\":{{\"android\":{other}}}}}");

        Assert.IsTrue((bool)added.Object["default"]!);
        var ios = (int)added.Object["id"]!;
        Assert.IsNull((await harness.GetAsync($"/api/v1/apps/{before}")).Object["keys"]!["ios"], "defaults apply to apps created afterwards");
        Assert.AreEqual(ios, (int)after["keys"]!["ios"]!["id"]!);
        Assert.AreEqual("ios-key", (string?)after["keys"]!["ios"]!["title"]);
        Assert.IsTrue((bool)after["keys"]!["ios"]!["default"]!);
        Assert.AreEqual(release, (int)after["keys"]!["android"]!["id"]!);
        Assert.IsNull(after["keys"]!["blackberry"]);
        Assert.AreEqual("pending", (string?)after["status"]!["ios"], "a default ios key gets ios built");
        Assert.AreEqual(other, (int)naming.Object["keys"]!["android"]!["id"]!, "keys named in the request win");
        Assert.AreEqual(ios, (int)naming.Object["keys"]!["ios"]!["id"]!);
    }

    [TestMethod]
    public async Task DefaultKey_SetByAnUpdate_ReplacesThePlatformsPreviousDefault_AndCanBeUnset()
    {
        await using var harness = await ServerHarness.StartKeylessAsync();
        var first = await KeyUploads.AddAsync(harness, "android", KeyUploads.Android("{\"title\":\"first\",\"alias\":\"a\",\"default\":true}"));
        var second = await KeyUploads.AddAsync(harness, "android", KeyUploads.Android("{\"title\":\"second\",\"alias\":\"b\"}"));

        var promoted = await KeyUploads.PutAsync(harness, "android", second, "{\"default\":true}");
        var firstAfter = (await harness.GetAsync($"/api/v1/keys/android/{first}")).Object;
        var app = await harness.CreateFileAppAsync("Uses Second");
        var unset = await KeyUploads.PutAsync(harness, "android", second, "{\"default\":false}");
        var last = await harness.CreateFileAppAsync("Uses None");

        Assert.IsTrue((bool)promoted.Object["default"]!);
        Assert.IsFalse((bool)firstAfter["default"]!, "one default per platform");
        Assert.AreEqual(second, (int)app["keys"]!["android"]!["id"]!);
        Assert.IsFalse((bool)unset.Object["default"]!);
        Assert.IsNull(last["keys"]!["android"]);
    }

    /// <summary>The official CLI sent <c>tag</c>, <c>share</c> and <c>PLATFORM_phonegap_version</c> when creating an app.</summary>
    [TestMethod]
    public async Task CreateFields_TagShareAndPlatformVersions_AreStoredEchoedAndUsed()
    {
        await using var harness = await ServerHarness.StartAsync();

        var created = await AppUploads.CreateAsync(harness,
            "{\"title\":\"Fields\",\"tag\":\"v1.2\",\"share\":true,\"ios_phonegap_version\":\"3.1.0\",\"android_phonegap_version\":\"cli-6.5.0\",\"windows_phonegap_version\":\"3.0.0\"}");
        var id = (int)created.Object["id"]!;
        var read = (await harness.GetAsync($"/api/v1/apps/{id}")).Object;
        var listed = (await harness.GetAsync("/api/v1/apps")).Object["apps"]![0]!;
        var cleared = (await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/apps/{id}",
            ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString("{\"ios_phonegap_version\":\"\",\"share\":false}"))))).Object;
        await harness.Server.WaitForArtifactAsync(id, "android");

        foreach (var app in new[] { created.Object, read, listed.AsObject() })
        {
            Assert.AreEqual("v1.2", (string?)app["tag"]);
            Assert.IsTrue((bool)app["share"]!);
            Assert.AreEqual("3.1.0", (string?)app["ios_phonegap_version"]);
            Assert.AreEqual("cli-6.5.0", (string?)app["android_phonegap_version"]);
            Assert.AreEqual("3.0.0", (string?)app["winphone_phonegap_version"], "windows is winphone");
            Assert.AreEqual("2.9.0", (string?)app["phonegap_version"]);
        }

        Assert.IsFalse(cleared.ContainsKey("ios_phonegap_version"));
        Assert.IsFalse((bool)cleared["share"]!);
        Assert.AreEqual("cli-6.5.0", (string?)Manifest(harness.Server.GetArtifact(id, "android")!)["phonegapVersion"], "a build uses its platform's version");
    }

    [TestMethod]
    public async Task CreateFields_NotSent_AreNotInTheAnswers()
    {
        await using var harness = await ServerHarness.StartAsync();

        var app = await harness.CreateFileAppAsync("Plain");

        Assert.IsFalse(app.ContainsKey("tag"));
        Assert.IsFalse(app.ContainsKey("share"));
        Assert.IsFalse(app.Any(p => p.Key.EndsWith("_phonegap_version", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task CreateField_ShareThatIsNotABoolean_Is400()
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await AppUploads.CreateAsync(harness, "{\"title\":\"Bad\",\"share\":\"everyone\"}");

        AnswerAssert.IsError(answer, HttpStatusCode.BadRequest, "'share' must be true or false, not 'everyone'");
    }

    internal static JsonObject Manifest(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package));
        using var stream = zip.GetEntry("pgb-build.json")!.Open();
        return JsonNode.Parse(stream)!.AsObject();
    }
}
