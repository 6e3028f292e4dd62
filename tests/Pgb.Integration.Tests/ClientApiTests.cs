using Pgb.Client.Models.V0;

namespace Pgb.Integration.Tests;

/// <summary>The client's calls beyond the pipeline's, and the v0 client, against a real server on 127.0.0.1 over sockets.</summary>
[TestClass]
public sealed class ClientApiTests : IntegrationTest
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
    private static Task<PgbServer> StartAsync() => PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(200) });

    private async Task<PgbApp> CreateAppAsync(PgbClient client, string title = "Api App")
    {
        var zip = Temp.Combine(Guid.NewGuid().ToString("N") + ".zip");
        File.WriteAllBytes(zip, Zips.App(configName: null));
        return await client.CreateAppFromFileAsync(new PgbAppCreateOptions { Title = title }, zip);
    }

    private static async Task<PgbApp> WaitAsync(PgbClient client, int appId, string platform)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var app = await client.GetAppAsync(appId);
            if (app.StatusOf(platform) != PgbBuildStatus.Pending || DateTime.UtcNow > deadline)
            {
                return app;
            }

            await Task.Delay(50);
        }
    }

    [TestMethod]
    public async Task Icon_UploadedThenDownloaded_IsTheSameBytes()
    {
        await using var server = await StartAsync();
        using var client = ClientOf(server);
        var app = await CreateAppAsync(client);
        var png = Temp.Combine("icon.png");
        File.WriteAllBytes(png, Png);

        var answered = await client.SetIconAsync(app.Id, png);
        var saved = await client.DownloadIconAsync(app.Id, Temp.Combine("out", "icon.png"));

        Assert.AreEqual("icon.png", answered.Icon!.FileName);
        CollectionAssert.AreEqual(Png, File.ReadAllBytes(saved.FilePath));
        Assert.DoesNotContain("auth_token", saved.Location.Query);
    }

    [TestMethod]
    public async Task UpdateWithMetadataAndFile_ChangesBothInOneRequest()
    {
        await using var server = await StartAsync();
        using var client = ClientOf(server);
        var app = await CreateAppAsync(client);
        var zip = Temp.Combine("new.zip");
        File.WriteAllBytes(zip, Zips.App(configName: null));

        var updated = await client.UpdateAppAsync(app.Id, new PgbAppUpdateOptions { Title = "Renamed", Version = "2.0.0" }, zip);

        Assert.AreEqual("Renamed", updated.Title);
        Assert.AreEqual("2.0.0", updated.Version);
        Assert.HasCount(1, server.RequestsTo("PUT", $"/api/v1/apps/{app.Id}"));
    }

    [TestMethod]
    public async Task BuildOnePlatform_QueueAndDelete_ReturnWhatTheServerAnswered()
    {
        await using var server = await StartAsync();
        using var client = ClientOf(server);
        var app = await CreateAppAsync(client);

        var queued = await client.QueueBuildAsync(app.Id, ["ios"]);
        var one = await client.BuildPlatformAsync(app.Id, "android");
        var built = await WaitAsync(client, app.Id, "android");
        var log = await client.GetBuildLogAsync(app.Id, "android");
        var status = await client.GetAppStatusAsync(app.Id);
        var deleted = await client.DeleteAppAsync(app.Id);

        Assert.AreEqual(app.Id, queued!.Id);
        Assert.AreEqual(PgbBuildStatus.Pending, one.StatusOf("android"));
        Assert.AreEqual(PgbBuildStatus.Complete, built.StatusOf("android"));
        Assert.IsFalse(string.IsNullOrWhiteSpace(log));
        Assert.AreEqual(PgbBuildStatus.Complete, status.Status["android"]);
        Assert.AreEqual($"app {app.Id} deleted", deleted);
    }

    [TestMethod]
    public async Task FollowingLinks_FromMe_ReachesTheAppsKeysAndCollaborators()
    {
        await using var server = await StartAsync();
        using var client = ClientOf(server);
        var app = await CreateAppAsync(client, "Linked");

        var me = await client.FollowLinkAsync<PgbUser>("/api/v1");
        var apps = await client.FollowLinkAsync<PgbAppList>(me.Apps!.Link!);
        var detail = await client.FollowLinkAsync<PgbApp>(apps.Apps.Single().Link!);
        var keys = await client.FollowLinkAsync<PgbKeyListing>(me.Keys!.Link!);
        var collaborators = await client.GetCollaboratorsAsync(app.Id);
        var owner = await client.FollowLinkAsync<PgbCollaborator>(collaborators!.Active.Single().Link!);
        var support = await client.GetCurrentSupportAsync();

        Assert.AreEqual("Linked", detail.Title);
        Assert.IsNotNull(keys.Keys);
        Assert.AreEqual(PgbAccount.Development.Email, owner.Person);
        Assert.IsFalse(string.IsNullOrEmpty(support.Default));
        Assert.IsTrue(support.ByPhonegap.ContainsKey(support.Default!));
    }

    [TestMethod]
    public async Task V0Client_ReadsAndWritesTheServersV0()
    {
        await using var server = await StartAsync();
        var options = new PgbClientOptions();
        using var v0 = new PgbV0Client(server.BaseUri, PgbCredential.FromBasic(PgbAccount.Development.UserName, PgbAccount.Development.Password), options);
        var index = Temp.Combine("index.html");
        File.WriteAllText(index, "<html><body>v0</body></html>");
        var png = Temp.Combine("icon.png");
        File.WriteAllBytes(png, Png);

        var me = await v0.GetMeAsync();
        var created = await v0.CreateAppFromFileAsync(new PgbV0AppOptions { Title = "Another App" }, index);
        var renamed = await v0.UpdateAppAsync(created.Id, new PgbV0AppOptions { Title = "New Title" });
        var withIcon = await v0.SetIconAsync(created.Id, png);
        var icon = await v0.DownloadIconAsync(created.Id, Temp.Combine("out", "icon.png"));
        var listed = await v0.GetAppsAsync();
        var keys = await v0.GetKeysAsync();

        Assert.AreEqual(PgbAccount.Development.UserName, me.UserName);
        Assert.AreEqual("New Title", renamed.Title);
        Assert.AreEqual("icon.png", withIcon.Icon);
        CollectionAssert.AreEqual(Png, File.ReadAllBytes(icon.FilePath));
        Assert.AreEqual(created.Id, listed.Single().Id);
        Assert.IsTrue(listed.Single().Status.ContainsKey("android"), "v0 shows one PLATFORM_status per platform");
        CollectionAssert.AreEquivalent(new[] { "ios", "blackberry", "android" }, keys.Keys.ToArray());

        await server.WaitForArtifactAsync(created.Id, "android");
        var package = await v0.DownloadAsync(created.Id, "android", Temp.Combine("out", "app.apk"));
        CollectionAssert.AreEqual(server.GetArtifact(created.Id, "android"), File.ReadAllBytes(package.FilePath));

        Assert.AreEqual($"app #{created.Id} destroyed", await v0.DeleteAppAsync(created.Id));
        var gone = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => v0.GetAppAsync(created.Id));
        Assert.AreEqual(404, gone.Status);
    }

    [TestMethod]
    public async Task V0Client_UploadsAKeyWithV0PartNames()
    {
        await using var server = await StartAsync();
        using var v0 = new PgbV0Client(server.BaseUri, PgbCredential.FromBasic(PgbAccount.Development.UserName, PgbAccount.Development.Password));
        var keystore = Temp.Combine("example.keystore");
        File.WriteAllText(keystore, "keystore");

        var key = await v0.CreateKeyAsync(new PgbAndroidKeyOptions { Title = "Example Key", Alias = "example alias", KeystorePath = keystore });
        var android = await v0.GetPlatformKeysAsync("android");

        Assert.AreEqual("Example Key", key.Title);
        Assert.AreEqual("Example Key", android.Single(k => k.Id == key.Id).Title, "listed beside the development account's own android key");
    }
}
