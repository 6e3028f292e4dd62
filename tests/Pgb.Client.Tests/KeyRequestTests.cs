namespace Pgb.Client.Tests;

/// <summary>The signing-key write calls: what goes on the wire, and the spec's answers read back.</summary>
[TestClass]
public sealed class KeyRequestTests
{
    /// <summary>Creates a key through a client that answers the spec's <paramref name="example"/>; the options write their files in a temp folder.</summary>
    private static async Task<(RecordedRequest Request, PgbKeyReference Key)> CreateKeyAsync(string example, Func<TempDirectory, PgbKeyOptions> options)
    {
        using var temp = new TempDirectory();
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.Created, SpecExamples.Read(example)));
        using var client = TestClients.Create(handler);
        var key = await client.CreateKeyAsync(options(temp));
        return (handler.Requests.Single(), key);
    }

    /// <summary>A multipart POST to <paramref name="path"/>: a data part holding exactly <paramref name="data"/>, then the files, in order.</summary>
    private static void AssertKeyUpload(RecordedRequest request, string path, string data, params (string Name, string FileName, string Content)[] files)
    {
        MultipartAssert.IsUpload(request, HttpMethod.Post, path);
        Assert.HasCount(1 + files.Length, request.Parts);
        var sent = MultipartAssert.DataPart(request);
        Assert.IsTrue(JToken.DeepEquals(JObject.Parse(data), sent), sent.ToString());
        for (var i = 0; i < files.Length; i++)
        {
            MultipartAssert.FilePart(request.Parts[i + 1], files[i].Name, files[i].FileName, "application/octet-stream", files[i].Content);
        }
    }

    [TestMethod]
    public async Task CreateIosKey_SendsTitleAndPasswordInDataAndCertAndProfileParts()
    {
        var (request, key) = await CreateKeyAsync("key-create-ios", temp => new PgbIosKeyOptions
        {
            Title = "Developer Cert",
            CertificatePath = temp.WriteFile("My_Certificate.p12", "p12-bytes"),
            ProfilePath = temp.WriteFile("meandmyteam.mobileprovision", "profile-bytes"),
            Password = "12345678",
        });

        AssertKeyUpload(request, "/api/v1/keys/ios", """{"title":"Developer Cert","password":"12345678"}""",
            ("cert", "My_Certificate.p12", "p12-bytes"), ("profile", "meandmyteam.mobileprovision", "profile-bytes"));
        Assert.AreEqual(11, key.Id);
        Assert.AreEqual("Developer Cert", key.Title);
        Assert.AreEqual("/api/v1/keys/ios/11", key.Link);
        Assert.AreEqual("meandmyteam.mobileprovision", key.Provision);
        Assert.AreEqual("My_Certificate.p12", key.CertName);
        Assert.AreEqual("developer", key.Role);
        Assert.IsFalse(key.Default);
        Assert.IsFalse(key.Locked);
    }

    [TestMethod]
    public async Task CreateAndroidKey_SendsAliasAndBothPasswordsInDataAndTheKeystorePart()
    {
        var (request, key) = await CreateKeyAsync("key-create-android", temp => new PgbAndroidKeyOptions
        {
            Title = "Android Key",
            KeystorePath = temp.WriteFile("android.keystore", "keystore-bytes"),
            Alias = "release",
            KeyPassword = "90123456",
            KeystorePassword = "78901234",
        });

        AssertKeyUpload(request, "/api/v1/keys/android", """{"title":"Android Key","alias":"release","key_pw":"90123456","keystore_pw":"78901234"}""",
            ("keystore", "android.keystore", "keystore-bytes"));
        Assert.AreEqual(2, key.Id);
        Assert.AreEqual("release", key.Alias);
        Assert.AreEqual("/api/v1/keys/android/2", key.Link);
        Assert.IsFalse(key.Locked);
    }

    [TestMethod]
    public async Task CreateBlackBerryKey_SendsDbAndCskParts()
    {
        var (request, key) = await CreateKeyAsync("key-create-blackberry", temp => new PgbBlackBerryKeyOptions
        {
            Title = "My BB Key",
            DbPath = temp.WriteFile("sigtool.db", "db-bytes"),
            CskPath = temp.WriteFile("sigtool.csk", "csk-bytes"),
            Password = "78901234",
        });

        AssertKeyUpload(request, "/api/v1/keys/blackberry", """{"title":"My BB Key","password":"78901234"}""",
            ("db", "sigtool.db", "db-bytes"), ("csk", "sigtool.csk", "csk-bytes"));
        Assert.AreEqual(2, key.Id);
        Assert.AreEqual("My BB Key", key.Title);
        Assert.AreEqual("/api/v1/keys/blackberry/2", key.Link);
        Assert.IsFalse(key.Locked);
    }

    [TestMethod]
    public async Task CreateKey_WithoutPasswords_SendsNoPasswordFieldsAndReadsTheLockedKey()
    {
        var (request, key) = await CreateKeyAsync("key-android", temp =>
            new PgbAndroidKeyOptions { Title = "Android Release Key", KeystorePath = temp.WriteFile("android.keystore", "k"), Alias = "releasing" });

        var data = MultipartAssert.DataPart(request);
        CollectionAssert.AreEquivalent(new[] { "title", "alias" }, data.Properties().Select(p => p.Name).ToArray());
        Assert.IsTrue(key.Locked, "a key uploaded without its passwords is locked");
    }

    [TestMethod]
    public async Task CreateKey_When503_IsRetriedAndReopensTheFiles()
    {
        using var temp = new TempDirectory();
        var cert = temp.WriteFile("c.p12", "p12");
        var profile = temp.WriteFile("p.mobileprovision", "prov");
        var handler = new FakeHandler()
            .Enqueue(FakeHandler.Json(HttpStatusCode.ServiceUnavailable, """{"error":"busy"}"""))
            .Enqueue(FakeHandler.Json(HttpStatusCode.Created, SpecExamples.Read("key-create-ios")));
        using var client = TestClients.Create(handler, maxRetries: 1);

        await client.CreateKeyAsync(new PgbIosKeyOptions { Title = "T", CertificatePath = cert, ProfilePath = profile });

        Assert.HasCount(2, handler.Requests);
        Assert.AreEqual("prov", handler.Requests[1].Parts[2].BodyText);
    }

    [TestMethod]
    public async Task CreateKey_WithMissingTitleAliasOrFile_FailsBeforeSendingAnything()
    {
        using var temp = new TempDirectory();
        var cert = temp.WriteFile("c.p12", "p12");
        var keystore = temp.WriteFile("android.keystore", "k");
        var handler = new FakeHandler();
        using var client = TestClients.Create(handler);

        await Assert.ThrowsExactlyAsync<ArgumentNullException>(() => client.CreateKeyAsync(null!));
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => client.CreateKeyAsync(new PgbAndroidKeyOptions { KeystorePath = keystore, Alias = "a" }));
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => client.CreateKeyAsync(new PgbAndroidKeyOptions { Title = "T", KeystorePath = keystore }));
        var noProfile = await Assert.ThrowsExactlyAsync<ArgumentException>(() => client.CreateKeyAsync(new PgbIosKeyOptions { Title = "T", CertificatePath = cert }));
        Assert.AreEqual("key.ProfilePath", noProfile.ParamName);
        var missing = await Assert.ThrowsExactlyAsync<FileNotFoundException>(() =>
            client.CreateKeyAsync(new PgbBlackBerryKeyOptions { Title = "T", DbPath = cert, CskPath = temp.Combine("sigtool.csk") }));
        Assert.AreEqual(temp.Combine("sigtool.csk"), missing.FileName);

        Assert.IsEmpty(handler.Requests);
    }

    [TestMethod]
    [DataRow("ios", 11, "key-unlock-ios", """{"password":"password1"}""")]
    [DataRow("blackberry", 2, "key-unlock-blackberry", """{"password":"password1"}""")]
    [DataRow("android", 2, "key-unlock-android", """{"key_pw":"password1","keystore_pw":"password2"}""")]
    public async Task UnlockKey_PutsThePasswordsAsUrlEncodedDataAndReadsTheUnlockedKey(string platform, int id, string example, string expectedData)
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, SpecExamples.Read(example)));
        using var client = TestClients.Create(handler);
        var unlock = platform == "android"
            ? new PgbKeyUnlockOptions { KeyPassword = "password1", KeystorePassword = "password2" }
            : new PgbKeyUnlockOptions { Password = "password1" };

        var key = await client.UnlockKeyAsync(platform, id, unlock);

        var request = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Put, request.Method);
        Assert.AreEqual($"/api/v1/keys/{platform}/{id}", request.Uri.AbsolutePath);
        StringAssert.StartsWith(request.Header("Content-Type"), "application/x-www-form-urlencoded");
        Assert.IsTrue(JToken.DeepEquals(JObject.Parse(expectedData), JObject.Parse(request.FormFields["data"]!)), request.FormFields["data"]);
        Assert.AreEqual(id, key.Id);
        Assert.AreEqual($"/api/v1/keys/{platform}/{id}", key.Link);
        Assert.IsFalse(key.Locked);
    }

    [TestMethod]
    public async Task UnlockKey_WithoutThePlatformsPasswords_FailsBeforeSendingAnything()
    {
        var handler = new FakeHandler();
        using var client = TestClients.Create(handler);

        await Assert.ThrowsExactlyAsync<ArgumentException>(() => client.UnlockKeyAsync("android", 2, new PgbKeyUnlockOptions { KeyPassword = "password1" }));
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => client.UnlockKeyAsync("android", 2, new PgbKeyUnlockOptions { Password = "password1" }));
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => client.UnlockKeyAsync("ios", 11, new PgbKeyUnlockOptions { KeyPassword = "a", KeystorePassword = "b" }));
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => client.UnlockKeyAsync("winphone", 3, new PgbKeyUnlockOptions()));
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => client.UnlockKeyAsync(" ", 3, new PgbKeyUnlockOptions { Password = "password1" }));
        await Assert.ThrowsExactlyAsync<ArgumentNullException>(() => client.UnlockKeyAsync("ios", 3, null!));

        Assert.IsEmpty(handler.Requests);
    }

    [TestMethod]
    public async Task UnlockKey_When502ThenOk_IsRetriedBecauseAPutIsSafeToRepeat()
    {
        var handler = new FakeHandler()
            .Enqueue(FakeHandler.Html(HttpStatusCode.BadGateway, "<h1>502 Bad Gateway</h1>"))
            .Enqueue(FakeHandler.Json(HttpStatusCode.OK, SpecExamples.Read("key-unlock-ios")));
        using var client = TestClients.Create(handler, maxRetries: 2);

        var key = await client.UnlockKeyAsync("ios", 11, new PgbKeyUnlockOptions { Password = "password1" });

        Assert.AreEqual(11, key.Id);
        Assert.HasCount(2, handler.Requests);
        Assert.AreEqual(handler.Requests[0].BodyText, handler.Requests[1].BodyText);
    }

    [TestMethod]
    public async Task LockKey_PutsLockTrue()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, SpecExamples.Read("key-android")));
        using var client = TestClients.Create(handler);

        var key = await client.LockKeyAsync("android", 1);

        var request = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Put, request.Method);
        Assert.AreEqual("/api/v1/keys/android/1", request.Uri.AbsolutePath);
        Assert.AreEqual("""{"lock":true}""", request.FormFields["data"]);
        Assert.IsTrue(key.Locked);
    }

    [TestMethod]
    public async Task DeleteKey_WithTheSpecsSuccessAnswer_Succeeds()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.Accepted, SpecExamples.Read("delete-key")));
        using var client = TestClients.Create(handler);

        await client.DeleteKeyAsync("android", 8);

        var request = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Delete, request.Method);
        Assert.AreEqual("/api/v1/keys/android/8", request.Uri.AbsolutePath);
        Assert.IsNull(request.ContentLength);
    }

    [TestMethod]
    public async Task DeleteKey_When404_ThrowsWithStatusAndTheServersText()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.NotFound, SpecExamples.Read("key-404")));
        using var client = TestClients.Create(handler, maxRetries: 3);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.DeleteKeyAsync("ios", 8989898));

        Assert.AreEqual(404, ex.Status);
        Assert.AreEqual("DELETE", ex.Method);
        Assert.AreEqual("could not find ios key #8989898", ex.ErrorMessage);
        Assert.Contains("could not find ios key #8989898", ex.Message);
        Assert.HasCount(1, handler.Requests, "a 404 is not transient");
    }

    [TestMethod]
    public async Task DeleteKey_WhenErrorComesWithA200_StillFails()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"error":"key is in use"}"""));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.DeleteKeyAsync("android", 8));

        Assert.AreEqual("key is in use", ex.ErrorMessage);
    }

    [TestMethod]
    public async Task GetKeys_WithWindowsAndWinphoneGroupsAndANullBlackBerry_ReadsEveryGroup()
    {
        // The service also listed windows and winphone beside the groups of the v1 API docs, and blackberry could be null.
        const string body = """
            {"keys":{
              "ios":{"all":[],"link":"/api/v1/keys/ios"},
              "android":{"all":[{"id":1,"title":"Android Release Key","default":true,"alias":"release","link":"/api/v1/keys/android/1","locked":false}],"link":"/api/v1/keys/android"},
              "blackberry":null,
              "windows":{"all":[{"id":4,"title":"Store","default":false,"link":"/api/v1/keys/windows/4","locked":true}],"link":"/api/v1/keys/windows"},
              "winphone":{"all":[],"link":"/api/v1/keys/winphone"}},
             "link":"/api/v1/keys"}
            """;
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, body));
        using var client = TestClients.Create(handler);

        var listing = await client.GetKeysAsync();

        CollectionAssert.AreEquivalent(new[] { "ios", "android", "blackberry", "windows", "winphone" }, listing.Keys!.Platforms.Keys.ToArray());
        Assert.IsNull(listing.Keys.Platforms["blackberry"]);
        Assert.AreEqual(4, listing.Keys.Platforms["windows"]!.All.Single().Id);
        Assert.IsEmpty(listing.Keys.Platforms["winphone"]!.All);
        Assert.IsTrue(listing.Keys.Platforms["android"]!.All.Single().Default);
    }
}
