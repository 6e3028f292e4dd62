namespace Pgb.Server.Tests;

/// <summary>What a selected signing key does to an app: its title in <c>keys</c>, and locked keys and wrong passwords
/// ending that platform's build in <c>error</c>, as on the real service.</summary>
[TestClass]
public sealed class KeyBuildTests
{
    private static Task<int> CreateAppWithKeysAsync(ServerHarness harness, string keys) =>
        AppUploads.CreatedIdAsync(harness, $"{{\"title\":\"Signed\",\"create_method\":\"file\",\"keys\":{keys}}}");

    /// <summary>Uploads <paramref name="key"/> for <paramref name="platform"/> and creates an app that selects it by id.</summary>
    private static async Task<(int Key, int App)> CreateAppSelectingAsync(ServerHarness harness, string platform, MultipartFormDataContent key)
    {
        var keyId = await KeyUploads.AddAsync(harness, platform, key);
        return (keyId, await CreateAppWithKeysAsync(harness, $"{{\"{platform}\":{keyId}}}"));
    }

    private static Task<Answer> RebuildAsync(ServerHarness harness, int id, string platform) =>
        harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/build/{platform}", new StringContent(string.Empty)));

    [TestMethod]
    public async Task App_SelectingAKey_ShowsItsTitleAndLink_AndBuildsWithAnUnlockedKey()
    {
        await using var harness = await ServerHarness.StartAsync();
        var (key, id) = await CreateAppSelectingAsync(harness, "android",
            KeyUploads.Android("{\"title\":\"release-key\",\"alias\":\"release\",\"key_pw\":\"a\",\"keystore_pw\":\"b\"}"));

        var app = await harness.WaitForBuildAsync(id, "android");

        Assert.AreEqual("release-key", (string?)app["keys"]!["android"]!["title"]);
        Assert.AreEqual($"/api/v1/keys/android/{key}", (string?)app["keys"]!["android"]!["link"]);
        Assert.AreEqual("complete", (string?)app["status"]!["android"]);
        Assert.AreEqual("complete", (string?)app["status"]!["ios"], "ios without a key builds as before");
    }

    [TestMethod]
    public async Task Build_WithALockedKey_EndsInErrorForThatPlatformOnly()
    {
        await using var harness = await ServerHarness.StartAsync();
        var (_, id) = await CreateAppSelectingAsync(harness, "ios", KeyUploads.Ios("{\"title\":\"ios-key\"}"));

        var app = await harness.WaitForBuildAsync(id, "ios");
        await harness.WaitForBuildAsync(id, "android");
        app = (await harness.GetAsync($"/api/v1/apps/{id}")).Object;

        Assert.AreEqual("error", (string?)app["status"]!["ios"]);
        Assert.AreEqual("ios signing key is locked", (string?)app["error"]!["ios"]);
        Assert.AreEqual("complete", (string?)app["status"]!["android"]);
    }

    [TestMethod]
    public async Task Unlocking_ThenRebuilding_Completes()
    {
        await using var harness = await ServerHarness.StartAsync();
        var (key, id) = await CreateAppSelectingAsync(harness, "ios", KeyUploads.Ios("{\"title\":\"ios-key\"}"));
        Assert.AreEqual("error", (string?)(await harness.WaitForBuildAsync(id, "ios"))["status"]!["ios"]);

        await KeyUploads.PutAsync(harness, "ios", key, "{\"password\":\"p\"}");
        var queued = await RebuildAsync(harness, id, "ios");
        var app = await harness.WaitForBuildAsync(id, "ios");

        Assert.AreEqual(HttpStatusCode.Accepted, queued.Status, queued.Body);
        Assert.AreEqual("complete", (string?)app["status"]!["ios"]);
    }

    [TestMethod]
    public async Task AppKeysObjectWithPasswords_UnlocksTheKey_WithoutAPut()
    {
        await using var harness = await ServerHarness.StartAsync();
        var key = await KeyUploads.AddAsync(harness, "android", KeyUploads.Android("{\"title\":\"k\",\"alias\":\"a\"}"));
        var id = await CreateAppWithKeysAsync(harness, $"{{\"android\":{{\"id\":{key},\"key_pw\":\"x\",\"keystore_pw\":\"y\"}}}}");

        var app = await harness.WaitForBuildAsync(id, "android");
        var read = (await harness.GetAsync($"/api/v1/keys/android/{key}")).Object;

        Assert.AreEqual("complete", (string?)app["status"]!["android"]);
        Assert.IsFalse((bool)read["locked"]!);
    }

    [TestMethod]
    public async Task Build_WithARejectedPassword_EndsInTheKeystoreError()
    {
        await using var harness = await ServerHarness.StartAsync();
        harness.Server.Simulation.RejectKeyPassword("wrong-pw");
        var (key, id) = await CreateAppSelectingAsync(harness, "android",
            KeyUploads.Android("{\"title\":\"k\",\"alias\":\"a\",\"key_pw\":\"fine\",\"keystore_pw\":\"wrong-pw\"}"));

        var app = await harness.WaitForBuildAsync(id, "android");
        var keyAnswer = await harness.GetAsync($"/api/v1/keys/android/{key}");

        Assert.IsFalse((bool)keyAnswer.Object["locked"]!, "a wrong password is not noticed at unlock time");
        Assert.AreEqual("error", (string?)app["status"]!["android"]);
        Assert.AreEqual("Keystore was tampered with, or password was incorrect", (string?)app["error"]!["android"]);

        // Fixing the password and rebuilding completes.
        await KeyUploads.PutAsync(harness, "android", key, "{\"keystore_pw\":\"right\"}");
        await RebuildAsync(harness, id, "android");
        Assert.AreEqual("complete", (string?)(await harness.WaitForBuildAsync(id, "android"))["status"]!["android"]);
    }

    [TestMethod]
    public async Task DeletedKey_IsEchoedWithNullTitle_AndIosIsNoLongerBuilt()
    {
        await using var harness = await ServerHarness.StartAsync();
        var (key, id) = await CreateAppSelectingAsync(harness, "ios", KeyUploads.Ios("{\"title\":\"locked\"}"));
        await harness.WaitForBuildAsync(id, "ios");

        await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Delete, $"/api/v1/keys/ios/{key}"));
        await RebuildAsync(harness, id, "ios");
        var app = await harness.WaitForBuildAsync(id, "ios");

        Assert.AreEqual(JsonValue.Create(key)!.ToJsonString(), app["keys"]!["ios"]!["id"]!.ToJsonString());
        Assert.IsNull((string?)app["keys"]!["ios"]!["title"]);
        Assert.IsNull(app["status"]!["ios"], "an id naming no key is no key: ios is not built");
        Assert.AreEqual(HttpStatusCode.NotFound, (await harness.GetAsync($"/api/v1/apps/{id}/ios")).Status);
    }
}
