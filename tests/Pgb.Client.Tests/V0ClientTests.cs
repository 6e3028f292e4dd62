using Pgb.Client.Models.V0;

namespace Pgb.Client.Tests;

/// <summary>
/// <see cref="PgbV0Client"/>: the v0 routes, request shapes and part names, and every example answer of the v0 docs fed
/// verbatim (TestData/Spec002, see the README there).
/// </summary>
[TestClass]
public sealed class V0ClientTests
{
    private static readonly string[] Examples =
    [
        "app", "app-404", "apps", "create-400", "create-file", "create-repo", "delete-app", "download-404", "error-generic", "icon-404",
        "key-create-android", "key-create-blackberry", "key-create-ios", "keys", "keys-empty", "me", "push", "push-400", "set-icon", "update",
    ];

    private static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Spec002", name + ".json"));

    /// <summary>What the client sent; MSTest makes a new instance of the class for each test, so each test has its own.</summary>
    private readonly FakeHandler _handler = new();

    private PgbV0Client Answering(HttpStatusCode status, string body)
    {
        var options = new PgbClientOptions { Handler = _handler.Enqueue(FakeHandler.Json(status, body)) };
        options.Retry.MaxRetries = 0;
        return new PgbV0Client(TestClients.Server, PgbCredential.FromBasic("andrew.lunny@nitobi.com", "pw"), options);
    }

    private static string Line(RecordedRequest request) => request.Method + " " + request.Uri.AbsolutePath;

    [TestMethod]
    public void EveryExampleFile_IsListedHere()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "Spec002"), "*.json")
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray();

        CollectionAssert.AreEqual(Examples.Order(StringComparer.Ordinal).ToArray(), files);
    }

    [TestMethod]
    public async Task Me_WithBasicAuth_ReadsTheUser()
    {
        using var client = Answering(HttpStatusCode.OK, Example("me"));

        var me = await client.GetMeAsync();

        Assert.AreEqual("GET /api/v0/me", Line(_handler.Requests.Single()));
        StringAssert.StartsWith(_handler.Requests.Single().Header("Authorization"), "Basic ");
        Assert.AreEqual("alunny", me.UserName);
        Assert.AreEqual("andrew.lunny@nitobi.com", me.Email);
        Assert.AreEqual(new DateTimeOffset(2010, 10, 12, 19, 10, 16, TimeSpan.Zero), me.CreatedAt);
    }

    [TestMethod]
    public async Task Apps_ReadsTheFlatShapeWithFreeTextStatusesAndANumericVersion()
    {
        using var client = Answering(HttpStatusCode.OK, Example("apps"));

        var apps = await client.GetAppsAsync();

        Assert.AreEqual("GET /api/v0/apps", Line(_handler.Requests.Single()));
        Assert.HasCount(3, apps);
        var first = apps[0];
        Assert.AreEqual(50, first.Id);
        Assert.AreEqual("alunny's Amazing App", first.Title);
        Assert.AreEqual("http://github.com/alunny/phonegap-start.git", first.RepoUrl);
        Assert.AreEqual("icon.png", first.Icon);
        Assert.AreEqual("99.999", first.Version);
        Assert.AreEqual("com.alunny.amazing", first.Package);
        Assert.AreEqual(1, first.PersonId);
        Assert.AreEqual("An Amazing app by alunny", first.Description);
        CollectionAssert.AreEquivalent(new[] { "symbian", "blackberry", "android", "webos" }, first.Status.Keys.ToArray());
        Assert.AreEqual("symbian complete", first.StatusOf("symbian"));
        Assert.AreEqual("compiling webos project", first.StatusOf("webos"));
        Assert.AreEqual("complete", first.StatusOf("android"));
        Assert.IsNull(apps[1].RepoUrl);
        Assert.IsNull(apps[1].Version);
        Assert.IsNull(apps[1].Description);
        Assert.AreEqual("error", apps[2].StatusOf("android"));
    }

    [TestMethod]
    public async Task App_ReadsOneApp()
    {
        using var client = Answering(HttpStatusCode.OK, Example("app"));

        var app = await client.GetAppAsync(50);

        Assert.AreEqual("GET /api/v0/apps/50", Line(_handler.Requests.Single()));
        Assert.AreEqual("error", app.StatusOf("android"));
        Assert.AreEqual("blackberry pending", app.StatusOf("blackberry"));
        Assert.AreEqual(new DateTimeOffset(2010, 11, 23, 22, 53, 12, TimeSpan.Zero), app.UpdatedAt);
    }

    [TestMethod]
    [DataRow("app-404", 404, "app #54 not available")]
    [DataRow("error-generic", 400, "some error message")]
    public async Task ErrorExamples_BecomeRequestFailedWithTheServersText(string example, int status, string message)
    {
        using var client = Answering((HttpStatusCode)status, Example(example));

        await RequestFailedAssert.ThrowsAsync(() => client.GetAppAsync(54), status, message);
    }

    [TestMethod]
    public async Task CreateFromRepo_PostsTitleAndRepoAsData()
    {
        using var client = Answering(HttpStatusCode.OK, Example("create-repo"));

        var app = await client.CreateAppFromRepoAsync(new PgbV0AppOptions { Title = "New App", Repo = "http://github.com/alunny/phonegap-start.git" });

        var request = _handler.Requests.Single();
        Assert.AreEqual("POST /api/v0/apps", Line(request));
        Assert.AreEqual("""{"title":"New App","repo":"http://github.com/alunny/phonegap-start.git"}""", request.FormFields["data"]);
        Assert.AreEqual(55, app.Id);
        Assert.AreEqual("99.999", app.Version, "a string here, a number elsewhere: both read as text");
        Assert.AreEqual("pending", app.StatusOf("webos"));
    }

    [TestMethod]
    public async Task CreateFromFile_SendsTheFileAndTheTitle()
    {
        using var temp = new TempDirectory();
        var index = temp.WriteFile("index.html", "<html></html>");
        using var client = Answering(HttpStatusCode.OK, Example("create-file"));

        var app = await client.CreateAppFromFileAsync(new PgbV0AppOptions { Title = "Another App" }, index);

        var request = _handler.Requests.Single();
        Assert.AreEqual("POST /api/v0/apps", Line(request));
        Assert.AreEqual("data", request.Parts[0].Name);
        Assert.AreEqual("""{"title":"Another App"}""", request.Parts[0].BodyText);
        Assert.AreEqual("file", request.Parts[1].Name);
        Assert.AreEqual("index.html", request.Parts[1].FileName);
        Assert.AreEqual(56, app.Id);
        Assert.IsNull(app.Icon);
    }

    [TestMethod]
    public async Task Create_WithoutRepoOrFile_FailsWith400AndTheServersText()
    {
        using var client = Answering(HttpStatusCode.BadRequest, Example("create-400"));

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.CreateAppFromRepoAsync(new PgbV0AppOptions { Title = "New App", Repo = "x" }));

        Assert.AreEqual("Need either a repo url or a file", ex.ErrorMessage);
    }

    [TestMethod]
    public async Task SetIcon_PostsThePngAsTheFilePart()
    {
        using var temp = new TempDirectory();
        var png = temp.WriteFile("icon.png", "png");
        using var client = Answering(HttpStatusCode.OK, Example("set-icon"));

        var app = await client.SetIconAsync(56, png);

        var request = _handler.Requests.Single();
        Assert.AreEqual("POST /api/v0/apps/56/icon", Line(request));
        Assert.AreEqual("file", request.Parts.Single().Name);
        Assert.AreEqual("icon.png", app.Icon);
    }

    [TestMethod]
    public async Task Push_PostsDummyDataWithALength()
    {
        using var client = Answering(HttpStatusCode.OK, Example("push"));

        var app = await client.PushAsync(55);

        var request = _handler.Requests.Single();
        Assert.AreEqual("POST /api/v0/apps/55/push", Line(request));
        Assert.AreEqual("data=dummy", request.BodyText);
        Assert.AreEqual((long)request.Body.Length, request.ContentLength);
        Assert.AreEqual(new DateTimeOffset(2010, 11, 29, 22, 28, 33, TimeSpan.Zero), app.UpdatedAt);
    }

    [TestMethod]
    public async Task Push_OfAFileApp_FailsWithTheServersText()
    {
        using var client = Answering(HttpStatusCode.BadRequest, Example("push-400"));

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.PushAsync(56));

        Assert.AreEqual("app #56 is not repo backed", ex.ErrorMessage);
    }

    [TestMethod]
    public async Task Update_PutsTheTitle()
    {
        using var client = Answering(HttpStatusCode.OK, Example("update"));

        var app = await client.UpdateAppAsync(56, new PgbV0AppOptions { Title = "New Title" });

        Assert.AreEqual("PUT /api/v0/apps/56", Line(_handler.Requests.Single()));
        Assert.AreEqual("""{"title":"New Title"}""", _handler.Requests.Single().FormFields["data"]);
        Assert.AreEqual("New Title", app.Title);
    }

    [TestMethod]
    [DataRow("keys", 1)]
    [DataRow("keys-empty", 0)]
    public async Task Keys_ReadsEveryPlatformsList(string example, int ios)
    {
        using var client = Answering(HttpStatusCode.OK, Example(example));

        var keys = await client.GetKeysAsync();

        Assert.AreEqual("GET /api/v0/keys/", Line(_handler.Requests.Single()));
        CollectionAssert.AreEquivalent(new[] { "ios", "blackberry", "android" }, keys.Keys.ToArray());
        Assert.HasCount(ios, keys["ios"]);
        Assert.IsEmpty(keys["android"]);
        if (ios > 0)
        {
            var key = keys["ios"].Single();
            Assert.AreEqual(2, key.Id);
            Assert.AreEqual("Test Key", key.Title);
            Assert.AreEqual("test.mobileprovision", key.MobileProvision);
            Assert.AreEqual("Certificates.p12", key.CertName);
            Assert.AreEqual(new DateTimeOffset(2011, 7, 7, 15, 51, 23, TimeSpan.FromHours(-7)), key.UpdatedAt);
        }
    }

    [TestMethod]
    public async Task PlatformKeys_ReadsTheList()
    {
        using var client = Answering(HttpStatusCode.OK, """[{"title":"Example Key","updated_at":"2011-07-08T14:07:09-07:00","id":1}]""");

        var keys = await client.GetPlatformKeysAsync("android");

        Assert.AreEqual("GET /api/v0/keys/android", Line(_handler.Requests.Single()));
        Assert.AreEqual("Example Key", keys.Single().Title);
    }

    [TestMethod]
    public async Task CreateIosKey_UsesV0PartNames()
    {
        using var temp = new TempDirectory();
        var cert = temp.WriteFile("example.p12", "p12");
        var profile = temp.WriteFile("example.mobileprovision", "prov");
        using var client = Answering(HttpStatusCode.OK, Example("key-create-ios"));

        var key = await client.CreateKeyAsync(new PgbIosKeyOptions { Title = "Example Key", CertificatePath = cert, ProfilePath = profile, Password = "testtest" });

        var request = _handler.Requests.Single();
        Assert.AreEqual("POST /api/v0/keys/ios", Line(request));
        CollectionAssert.AreEqual(new[] { "data", "cert_file", "profile_file" }, request.Parts.Select(p => p.Name).ToArray());
        Assert.IsTrue(JToken.DeepEquals(JObject.Parse("""{"title":"Example Key","password":"testtest"}"""), JObject.Parse(request.Parts[0].BodyText)));
        Assert.AreEqual(3, key.Id);
        Assert.AreEqual("example.mobileprovision", key.MobileProvision);
    }

    [TestMethod]
    [DataRow("key-create-android", 1, "Example Key")]
    [DataRow("key-create-blackberry", 1, "example key")]
    public async Task CreateAndroidAndBlackBerryKeys_UseV0PartNames(string example, int id, string title)
    {
        using var temp = new TempDirectory();
        PgbKeyOptions options = example.Contains("android", StringComparison.Ordinal)
            ? new PgbAndroidKeyOptions { Title = title, Alias = "example alias", KeystorePath = temp.WriteFile("example.keystore", "ks") }
            : new PgbBlackBerryKeyOptions { Title = title, CskPath = temp.WriteFile("example.csk", "csk"), DbPath = temp.WriteFile("example.db", "db") };
        using var client = Answering(HttpStatusCode.OK, Example(example));

        var key = await client.CreateKeyAsync(options);

        var parts = _handler.Requests.Single().Parts.Select(p => p.Name).ToArray();
        CollectionAssert.AreEqual(options is PgbAndroidKeyOptions ? new[] { "data", "key_file" } : new[] { "data", "db_file", "csk_file" }, parts);
        Assert.AreEqual(id, key.Id);
        Assert.AreEqual(title, key.Title);
    }

    [TestMethod]
    public async Task Delete_ReturnsTheServicesText()
    {
        using var client = Answering(HttpStatusCode.OK, Example("delete-app"));

        Assert.AreEqual("app #56 destroyed", await client.DeleteAppAsync(56));
        Assert.AreEqual("DELETE /api/v0/apps/56", Line(_handler.Requests.Single()));
    }

    [TestMethod]
    [DataRow("icon-404", "No icon available for app #52")]
    public async Task DownloadIcon_404_FailsWithTheServersTextAndLeavesNoFile(string example, string message)
    {
        using var temp = new TempDirectory();
        using var client = Answering(HttpStatusCode.NotFound, Example(example));

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.DownloadIconAsync(52, temp.Combine("icon.png")));

        Assert.AreEqual(message, ex.ErrorMessage);
        Assert.IsEmpty(temp.ListFiles());
    }

    [TestMethod]
    public async Task DownloadIcon_SavesThePngTheApiAnswers()
    {
        using var temp = new TempDirectory();
        var handler = new FakeHandler().Enqueue(FakeHandler.Bytes([1, 2, 3], "image/png"));
        var options = new PgbClientOptions { Handler = handler };
        using var client = new PgbV0Client(TestClients.Server, PgbCredential.FromBasic("u", "p"), options);

        var result = await client.DownloadIconAsync(50, temp.Combine("icon.png"));

        Assert.AreEqual("GET /api/v0/apps/50/icon", Line(handler.Requests.Single()));
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, File.ReadAllBytes(result.FilePath));
        Assert.HasCount(1, temp.ListFiles(), "no temporary file left");
    }

    [TestMethod]
    public async Task Download_FollowsTheRedirectAndSavesThePackage()
    {
        using var temp = new TempDirectory();
        var handler = new FakeHandler()
            .Enqueue(FakeHandler.RedirectJson("http://storage.example/guid/app.apk", withHeader: true))
            .Enqueue(FakeHandler.Bytes([0x50, 0x4B, 3, 4]));
        var options = new PgbClientOptions { Handler = handler };
        using var client = new PgbV0Client(TestClients.Server, PgbCredential.FromBasic("u", "p"), options);

        var result = await client.DownloadAsync(50, "android", temp.Combine("app_50.apk"));

        Assert.AreEqual("GET /api/v0/apps/50/android", Line(handler.Requests[0]));
        Assert.IsNull(handler.Requests[1].Header("Authorization"), "credentials never go to the storage host");
        Assert.AreEqual(4L, result.Length);
    }

    [TestMethod]
    public async Task Download_404_FailsWithTheServersText()
    {
        using var temp = new TempDirectory();
        using var client = Answering(HttpStatusCode.NotFound, Example("download-404"));

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.DownloadAsync(52, "android", temp.Combine("a.apk")));

        Assert.AreEqual("App #52 for android error", ex.ErrorMessage);
    }
}
