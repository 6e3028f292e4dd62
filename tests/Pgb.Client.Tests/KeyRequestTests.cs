using System.Net;
using Newtonsoft.Json.Linq;
using Pgb.Client.Models;

namespace Pgb.Client.Tests;

/// <summary>The signing-key write calls: what goes on the wire, and the spec's answers read back.</summary>
[TestClass]
public sealed class KeyRequestTests
{
    /// <summary>The multipart data part must carry no Content-Type (it broke the real service): checked on the raw bytes too.</summary>
    private static JObject AssertDataPart(RecordedRequest request)
    {
        var data = request.Parts[0];
        Assert.AreEqual("data", data.Name);
        Assert.IsNull(data.FileName);
        Assert.IsNull(data.ContentType);
        var rawDataPart = request.BodyText.Split("--").Single(p => p.Contains("name=data", StringComparison.Ordinal));
        var rawDataHeaders = rawDataPart[..rawDataPart.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.DoesNotContain("Content-Type", rawDataHeaders, StringComparison.OrdinalIgnoreCase);
        return JObject.Parse(data.BodyText);
    }

    private static void AssertFilePart(RecordedPart part, string name, string fileName, string content)
    {
        Assert.AreEqual(name, part.Name);
        Assert.AreEqual(fileName, part.FileName);
        Assert.AreEqual("application/octet-stream", part.ContentType);
        Assert.AreEqual(content, part.BodyText);
    }

    private static void AssertUploadShape(RecordedRequest request, string path)
    {
        Assert.AreEqual(HttpMethod.Post, request.Method);
        Assert.AreEqual(path, request.Uri.AbsolutePath);
        StringAssert.StartsWith(request.Header("Content-Type"), "multipart/form-data");
        Assert.IsFalse(request.IsChunked, "the front end refused chunked uploads");
        Assert.AreEqual((long)request.Body.Length, request.ContentLength);
    }

    [TestMethod]
    public async Task CreateIosKey_SendsTitleAndPasswordInDataAndCertAndProfileParts()
    {
        using var temp = new TempDirectory();
        var cert = temp.WriteFile("My_Certificate.p12", "p12-bytes");
        var profile = temp.WriteFile("meandmyteam.mobileprovision", "profile-bytes");
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.Created, SpecExamples.Read("key-create-ios")));
        using var client = TestClients.Create(handler);

        var key = await client.CreateKeyAsync(new PgbIosKeyOptions { Title = "Developer Cert", CertificatePath = cert, ProfilePath = profile, Password = "12345678" });

        var request = handler.Requests.Single();
        AssertUploadShape(request, "/api/v1/keys/ios");
        Assert.HasCount(3, request.Parts);
        var data = AssertDataPart(request);
        Assert.IsTrue(JToken.DeepEquals(JObject.Parse("""{"title":"Developer Cert","password":"12345678"}"""), data), data.ToString());
        AssertFilePart(request.Parts[1], "cert", "My_Certificate.p12", "p12-bytes");
        AssertFilePart(request.Parts[2], "profile", "meandmyteam.mobileprovision", "profile-bytes");

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
        using var temp = new TempDirectory();
        var keystore = temp.WriteFile("android.keystore", "keystore-bytes");
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.Created, SpecExamples.Read("key-create-android")));
        using var client = TestClients.Create(handler);

        var key = await client.CreateKeyAsync(new PgbAndroidKeyOptions
        {
            Title = "Android Key",
            KeystorePath = keystore,
            Alias = "release",
            KeyPassword = "90123456",
            KeystorePassword = "78901234",
        });

        var request = handler.Requests.Single();
        AssertUploadShape(request, "/api/v1/keys/android");
        Assert.HasCount(2, request.Parts);
        var data = AssertDataPart(request);
        var expected = JObject.Parse("""{"title":"Android Key","alias":"release","key_pw":"90123456","keystore_pw":"78901234"}""");
        Assert.IsTrue(JToken.DeepEquals(expected, data), data.ToString());
        AssertFilePart(request.Parts[1], "keystore", "android.keystore", "keystore-bytes");

        Assert.AreEqual(2, key.Id);
        Assert.AreEqual("release", key.Alias);
        Assert.AreEqual("/api/v1/keys/android/2", key.Link);
        Assert.IsFalse(key.Locked);
    }

    [TestMethod]
    public async Task CreateBlackBerryKey_SendsDbAndCskParts()
    {
        using var temp = new TempDirectory();
        var db = temp.WriteFile("sigtool.db", "db-bytes");
        var csk = temp.WriteFile("sigtool.csk", "csk-bytes");
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.Created, SpecExamples.Read("key-create-blackberry")));
        using var client = TestClients.Create(handler);

        var key = await client.CreateKeyAsync(new PgbBlackBerryKeyOptions { Title = "My BB Key", DbPath = db, CskPath = csk, Password = "78901234" });

        var request = handler.Requests.Single();
        AssertUploadShape(request, "/api/v1/keys/blackberry");
        Assert.HasCount(3, request.Parts);
        var data = AssertDataPart(request);
        Assert.IsTrue(JToken.DeepEquals(JObject.Parse("""{"title":"My BB Key","password":"78901234"}"""), data), data.ToString());
        AssertFilePart(request.Parts[1], "db", "sigtool.db", "db-bytes");
        AssertFilePart(request.Parts[2], "csk", "sigtool.csk", "csk-bytes");

        Assert.AreEqual(2, key.Id);
        Assert.AreEqual("My BB Key", key.Title);
        Assert.AreEqual("/api/v1/keys/blackberry/2", key.Link);
        Assert.IsFalse(key.Locked);
    }

    [TestMethod]
    public async Task CreateKey_WithoutPasswords_SendsNoPasswordFieldsAndReadsTheLockedKey()
    {
        using var temp = new TempDirectory();
        var keystore = temp.WriteFile("android.keystore", "k");
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.Created, SpecExamples.Read("key-android")));
        using var client = TestClients.Create(handler);

        var key = await client.CreateKeyAsync(new PgbAndroidKeyOptions { Title = "Android Release Key", KeystorePath = keystore, Alias = "releasing" });

        var data = AssertDataPart(handler.Requests.Single());
        CollectionAssert.AreEquivalent(new[] { "title", "alias" }, data.Properties().Select(p => p.Name).ToArray());
        Assert.IsTrue(key.Locked, "a key uploaded without its passwords is locked");
    }

    [TestMethod]
    public async Task CreateKey_WhenServerAnswers500_IsNotRetried()
    {
        using var temp = new TempDirectory();
        var keystore = temp.WriteFile("android.keystore", "k");
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.InternalServerError, """{"error":"boom"}"""));
        using var client = TestClients.Create(handler, maxRetries: 3);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() =>
            client.CreateKeyAsync(new PgbAndroidKeyOptions { Title = "K", KeystorePath = keystore, Alias = "a" }));

        Assert.AreEqual(500, ex.Status);
        Assert.AreEqual("boom", ex.ErrorMessage);
        Assert.AreEqual("POST", ex.Method);
        Assert.HasCount(1, handler.Requests, "a POST that may have created the key is not sent again");
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
