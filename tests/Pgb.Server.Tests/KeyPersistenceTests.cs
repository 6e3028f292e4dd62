namespace Pgb.Server.Tests;

/// <summary>Signing keys in a data directory: what one server knew of them (titles, files, lock state, defaults), the next
/// one on the same directory knows, and no password is ever written down.</summary>
[TestClass]
public sealed class KeyPersistenceTests
{
    [TestMethod]
    public async Task Restart_KeepsKeysTheirFilesLockStateAndDefaults_AndAppsBuildWithThemAsBefore()
    {
        using var dir = new TempDirectory();
        JsonObject keysBefore;
        int locked, unlocked, app;
        await using (var first = await StartAsync(dir))
        {
            locked = await KeyUploads.AddAsync(first, "ios", KeyUploads.Ios("{\"title\":\"Locked iOS\"}"));
            unlocked = await KeyUploads.AddAsync(first, "android",
                KeyUploads.Android("{\"title\":\"Release\",\"alias\":\"release\",\"key_pw\":\"a\",\"keystore_pw\":\"b\",\"default\":true}"));
            app = await CreateAppAsync(first, $"{{\"ios\":{locked}}}");
            keysBefore = (await first.GetAsync("/api/v1/keys")).Object;
        }

        await using var second = await StartAsync(dir);
        var keysAfter = (await second.GetAsync("/api/v1/keys")).Object;
        var rebuilt = await second.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{app}/build", new StringContent(string.Empty)));
        var built = await second.WaitForBuildAsync(app, "ios");
        var newApp = (await second.CreateFileAppAsync("After Restart"))["keys"]!;
        var next = await KeyUploads.AddAsync(second, "blackberry", KeyUploads.BlackBerry("{\"title\":\"bb\"}"));

        Assert.IsTrue(JsonNode.DeepEquals(keysBefore, keysAfter), $"before: {keysBefore}\nafter:  {keysAfter}");
        Assert.AreEqual(HttpStatusCode.Accepted, rebuilt.Status, rebuilt.Body);
        Assert.AreEqual("Locked iOS", (string?)built["keys"]!["ios"]!["title"], "the app's key is still there");
        Assert.AreEqual("error", (string?)built["status"]!["ios"]);
        Assert.AreEqual("ios signing key is locked", (string?)built["error"]!["ios"], "and still locked");
        Assert.AreEqual(unlocked, (int)built["keys"]!["android"]!["id"]!, "the default was selected at creation");
        Assert.AreEqual(unlocked, (int)newApp["android"]!["id"]!, "and is still the default");
        Assert.IsGreaterThan(unlocked, next, "ids go on");
        CollectionAssert.AreEquivalent(new[] { "cert", "profile", "keystore", "db", "csk" }, dir.ListFiles("blobs/key").Select(Path.GetFileName).ToArray(),
            "every uploaded key file is kept");
        CollectionAssert.AreEqual("p12"u8.ToArray(), File.ReadAllBytes(dir.ListFiles().Where(f => f.EndsWith("/cert", StringComparison.Ordinal)).Select(f => dir.Combine(f.Split('/'))).Single()));
    }

    [TestMethod]
    public async Task Restart_AfterAnUnlock_TheKeyIsUnlocked_AndARejectedPasswordIsStillRecognized()
    {
        using var dir = new TempDirectory();
        int key, app;
        await using (var first = await StartAsync(dir))
        {
            key = await KeyUploads.AddAsync(first, "android", KeyUploads.Android("{\"title\":\"k\",\"alias\":\"a\",\"key_pw\":\"right\"}"));
            app = await CreateAppAsync(first, $"{{\"android\":{{\"id\":{key},\"keystore_pw\":\"wrong\"}}}}");
        }

        await using var second = await StartAsync(dir, o => o.BuildDuration = TimeSpan.FromMilliseconds(50));
        second.Server.Simulation.RejectKeyPassword("wrong");
        var unlocked = (await second.GetAsync($"/api/v1/keys/android/{key}")).Object;
        await second.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{app}/build/android", new StringContent(string.Empty)));
        var built = await second.WaitForBuildAsync(app, "android");

        Assert.IsFalse((bool)unlocked["locked"]!, "unlocked through the app's keys entry, before the restart");
        Assert.AreEqual("Keystore was tampered with, or password was incorrect", (string?)built["error"]!["android"],
            "the stored hash still tells the rejected password");
    }

    [TestMethod]
    public async Task Passwords_AreNeverWrittenInClear_OnlyAsSaltedHashes()
    {
        using var dir = new TempDirectory();
        await using (var server = await StartAsync(dir))
        {
            var ios = await KeyUploads.AddAsync(server, "ios", KeyUploads.Ios("{\"title\":\"i\",\"password\":\"pw-upload-1\"}"));
            var android = await KeyUploads.AddAsync(server, "android", KeyUploads.Android("{\"title\":\"a\",\"alias\":\"x\",\"key_pw\":\"pw-upload-2\",\"keystore_pw\":\"pw-upload-2\"}"));
            await KeyUploads.PutAsync(server, "ios", ios, "{\"password\":\"pw-unlock-3\"}");
            await CreateAppAsync(server, $"{{\"android\":{{\"id\":{android},\"key_pw\":\"pw-app-4\"}}}}");
        }

        var keys = JsonNode.Parse(File.ReadAllText(dir.Combine("keys.json")))!;
        foreach (var file in dir.ListFiles())
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(dir.Combine(file.Split('/'))));
            Assert.DoesNotContain("pw-", text, file);
        }

        var androidKey = keys["keys"]!.AsArray().Single(k => (string?)k!["title"] == "a")!;
        var keyPw = androidKey["passwords"]!["key_pw"]!;
        var keystorePw = androidKey["passwords"]!["keystore_pw"]!;
        Assert.AreEqual(3, (int)keys["format"]!);
        Assert.AreEqual(32, Convert.FromBase64String((string)keyPw["hash"]!).Length);
        Assert.IsGreaterThanOrEqualTo(100_000, (int)keyPw["iterations"]!);
        Assert.AreNotEqual((string?)keyPw["salt"], (string?)keystorePw["salt"], "each password has its own salt");
        Assert.AreNotEqual((string?)keyPw["hash"], (string?)keystorePw["hash"], "so the same password hashes differently");
    }

    [TestMethod]
    public async Task Delete_RemovesTheKeysFiles_AndTheKeyStaysGoneAfterARestart()
    {
        using var dir = new TempDirectory();
        int key;
        await using (var first = await StartAsync(dir))
        {
            key = await KeyUploads.AddAsync(first, "ios", KeyUploads.Ios("{\"title\":\"gone\"}"));
            await first.SendAsync(ServerHarness.Authorized(HttpMethod.Delete, $"/api/v1/keys/ios/{key}"));
        }

        await using var second = await StartAsync(dir);

        Assert.AreEqual(HttpStatusCode.NotFound, (await second.GetAsync($"/api/v1/keys/ios/{key}")).Status);
        Assert.IsEmpty(dir.ListFiles("blobs/key"));
        Assert.IsGreaterThan(key, await KeyUploads.AddAsync(second, "ios", KeyUploads.Ios("{\"title\":\"new\"}")), "a deleted key's id is not given again");
    }

    [TestMethod]
    public async Task DevelopmentKeys_AreMadeOnce_AndDeletedOnesStayDeletedWhileAnotherKeyExists()
    {
        using var dir = new TempDirectory();
        int android;
        await using (var first = await StartAsync(dir))
        {
            var keys = (await first.GetAsync("/api/v1/keys")).Object["keys"]!;
            android = (int)keys["android"]!["all"]![0]!["id"]!;
            var ios = (int)keys["ios"]!["all"]![0]!["id"]!;
            await first.SendAsync(ServerHarness.Authorized(HttpMethod.Delete, $"/api/v1/keys/ios/{ios}"));
        }

        await using var second = await StartAsync(dir);
        var after = (await second.GetAsync("/api/v1/keys")).Object["keys"]!;

        Assert.AreEqual(android, (int)after["android"]!["all"]!.AsArray().Single()!["id"]!, "the same key, not a second one");
        Assert.IsEmpty(after["ios"]!["all"]!.AsArray());
    }

    [TestMethod]
    [DataRow("not json", PgbDataDirectoryProblem.Corrupt)]
    [DataRow("{\"format\":3,\"lastKeyId\":1,\"keys\":[{\"id\":1,\"ownerEmail\":\"a@x\",\"platform\":\"palm\",\"title\":\"t\",\"createdAt\":\"2020-01-01T00:00:00Z\",\"updatedAt\":\"2020-01-01T00:00:00Z\"}]}", PgbDataDirectoryProblem.Corrupt)]
    [DataRow("{\"format\":3,\"lastKeyId\":1,\"keys\":[{\"id\":1,\"ownerEmail\":\"a@x\",\"platform\":\"ios\",\"title\":\"t\",\"passwords\":{\"password\":{\"salt\":\"AA==\",\"hash\":\"AA==\",\"iterations\":1}},\"createdAt\":\"2020-01-01T00:00:00Z\",\"updatedAt\":\"2020-01-01T00:00:00Z\"}]}", PgbDataDirectoryProblem.Corrupt)]
    [DataRow("{\"format\":4,\"anything\":true}", PgbDataDirectoryProblem.NewerFormat)]
    public async Task Start_WithADamagedKeysFile_FailsNamingIt(string content, PgbDataDirectoryProblem problem)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("keys.json"), content);

        await DataDirectoryAssert.StartFailsAsync(() => StartAsync(dir), problem, dir.Combine("keys.json"));
    }

    private static Task<ServerHarness> StartAsync(TempDirectory dir, Action<PgbServerOptions>? configure = null) => PersistenceTests.StartAsync(dir, configure);

    private static Task<int> CreateAppAsync(ServerHarness harness, string keys) =>
        AppUploads.CreatedIdAsync(harness, $"{{\"title\":\"Signed\",\"keys\":{keys}}}");
}
