namespace Pgb.Server.Tests;

/// <summary>tests/Pgb.Server.Tests/TestData/format2: a data directory written by the server of data format 2 (before keys,
/// checkouts and create fields were stored; TestData/README.md says how). Today's server opens it as it is and serves all
/// of it, then marks it format 3.</summary>
[TestClass]
public sealed class FormatUpgradeTests
{
    private static readonly PgbAccount Cleo = new("cleo", "cleo@example.com", "cleo-password", "cleo-token");
    private static readonly PgbAccount Dan = new("dan", "dan@example.com", "dan-password", "dan-token");

    [TestMethod]
    public async Task Format2Directory_OpensAndServesItsAppsUploadIconAndPackages()
    {
        using var dir = OldDataDirectories.Copy("format2");

        await using (var server = await StartAsync(dir))
        {
            var cleo = (await server.SendAsync(As(Cleo, HttpMethod.Get, "/api/v1/apps/1"))).Object;
            var dan = (await server.SendAsync(As(Dan, HttpMethod.Get, "/api/v1/apps/2"))).Object;

            Assert.AreEqual("Cleo App", (string?)cleo["title"]);
            Assert.AreEqual("com.example.cleo", (string?)cleo["package"]);
            Assert.AreEqual("2.0.1", (string?)cleo["version"]);
            Assert.AreEqual("complete", (string?)cleo["status"]!["android"]);
            Assert.AreEqual("complete", (string?)cleo["status"]!["ios"], "a build that finished stays finished");
            Assert.AreEqual(7, (int)cleo["keys"]!["android"]!["id"]!, "the key id it selected, naming no key now as then");
            Assert.IsNull((string?)cleo["keys"]!["android"]!["title"]);
            Assert.AreEqual("Dan Repo", (string?)dan["title"]);
            Assert.AreEqual("https://example.com/dan/app.git", (string?)dan["repo"]);
            Assert.AreEqual("complete", (string?)dan["status"]!["android"]);
            Assert.IsEmpty(server.Server.UnreachableApps);

            // The package downloaded then: the same link and bytes.
            var android = await PersistenceTests.DownloadAsync(server, "/api/v1/apps/1/android", Cleo.Token);
            Assert.AreEqual("/storage/9e18f646d1f940f29535aa2c2e8fc8ca/Cleo-App-android.apk", android.Location.AbsolutePath);
            CollectionAssert.AreEqual(TestData("format2", "blobs", "public", "9e18f646d1f940f29535aa2c2e8fc8ca", "Cleo-App-android.apk"), android.Bytes);
            var danPackage = await PersistenceTests.DownloadAsync(server, "/api/v1/apps/2/android", Dan.Token);
            CollectionAssert.AreEqual(TestData("format2", "blobs", "public", "b20c7bef2b004e1490df0f1ce93a215a", "Dan-Repo-android.apk"), danPackage.Bytes);

            // The one never downloaded is made now, from the upload it was queued with: what was built shows.
            var ios = await PersistenceTests.DownloadAsync(server, "/api/v1/apps/1/ios", Cleo.Token);
            Assert.AreEqual("/storage/46d65a4d3c7d4b6f8525daa58d042337/Cleo-App-ios.ipa", ios.Location.AbsolutePath, "the link it had");
            using (var ipa = new ZipArchive(new MemoryStream(ios.Bytes)))
            {
                Assert.AreEqual("<html><body><h1>Cleo</h1></body></html>\n", Read(ipa, "Payload/Cleo-App.app/www/index.html"));
                Assert.IsNotNull(ipa.GetEntry("Payload/Cleo-App.app/config.xml"));
                Assert.IsNotNull(ipa.GetEntry("Payload/Cleo-App.app/www/img/icon.png"));
                Assert.IsNotNull(ipa.GetEntry("pgb-build.json"));
            }

            var icon = await PersistenceTests.DownloadAsync(server, "/api/v1/apps/1/icon", Cleo.Token);
            CollectionAssert.AreEqual(TestData("format2", "blobs", "public", "7b9c71cff8c24b588e48d30dffa44f67", "icon.png"), icon.Bytes);

            // And it goes on: a new upload to the old app, a key, an app.
            var update = await server.SendAsync(As(Cleo, HttpMethod.Put, "/api/v1/apps/1",
                new MultipartFormDataContent { { ServerHarness.Bytes(Zips.App("Cleo Again")), "file", "app.zip" } }));
            Assert.AreEqual(HttpStatusCode.OK, update.Status, update.Body);
            Assert.AreEqual("Cleo Again", (string?)update.Object["title"]);
            var key = await server.SendAsync(As(Cleo, HttpMethod.Post, "/api/v1/keys/android", KeyUploads.Android("{\"title\":\"k\",\"alias\":\"a\"}")));
            Assert.AreEqual(HttpStatusCode.Created, key.Status, key.Body);
            Assert.AreEqual(3, (int)(await server.SendAsync(As(Dan, HttpMethod.Post, "/api/v1/apps",
                new MultipartFormDataContent { { ServerHarness.Bytes(Zips.App("Dan Two")), "file", "app.zip" } }))).Object["id"]!, "ids go on");
        }

        StringAssert.Contains(File.ReadAllText(dir.Combine("state.json")), "\"format\": 3", "older servers are kept out from now on");
        StringAssert.Contains(File.ReadAllText(dir.Combine("keys.json")), "\"ownerEmail\": \"cleo@example.com\"");
    }

    [TestMethod]
    public async Task Format2Directory_OpenedTwice_IsTheSameAfterTheUpgrade()
    {
        using var dir = OldDataDirectories.Copy("format2");
        string before;
        await using (var first = await StartAsync(dir))
        {
            before = (await first.SendAsync(As(Cleo, HttpMethod.Get, "/api/v1/apps/1"))).Body;
        }

        await using var second = await StartAsync(dir);

        Assert.AreEqual(before, (await second.SendAsync(As(Cleo, HttpMethod.Get, "/api/v1/apps/1"))).Body);
    }

    private static Task<ServerHarness> StartAsync(TempDirectory dir) =>
        PersistenceTests.StartAsync(dir, o =>
        {
            o.Accounts.Add(Dan);
            o.Accounts.Add(Cleo);
        });

    private static HttpRequestMessage As(PgbAccount account, HttpMethod method, string path, HttpContent? content = null) =>
        ServerHarness.Authorized(method, path, content, account.Token);

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)?.Open() ?? throw new AssertFailedException($"no {name} in the package"), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static byte[] TestData(params string[] parts) => File.ReadAllBytes(OldDataDirectories.TestDataPath(parts));
}
