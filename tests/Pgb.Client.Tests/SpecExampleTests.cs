namespace Pgb.Client.Tests;

/// <summary>
/// Every example answer of the v1 API docs fed verbatim through the client and its models. The bodies
/// live in TestData/Spec003 exactly as the docs print them (see the README there). Where the docs' own
/// text is not JSON (a typo in the documentation, never seen from the service), the test first shows that
/// the verbatim body fails cleanly as a <see cref="PgbRequestFailedException"/>, then applies the smallest
/// repair here, in code, and checks the fields.
/// </summary>
[TestClass]
public sealed class SpecExampleTests
{
    /// <summary>All the files in TestData/Spec003; a new file must get a test (see <see cref="EveryExampleFile_IsListedHere"/>).</summary>
    private static readonly string[] Examples =
    [
        "add-collaborator", "app", "app-404", "apps", "create-file", "create-private-repo-400", "create-repo", "create-with-keys",
        "delete-app", "delete-collaborator", "delete-key", "download-404", "download-location", "error-generic",
        "icon-404", "icon-location", "key-404", "key-android", "key-blackberry", "key-create-android", "key-create-blackberry",
        "key-create-ios", "key-ios", "key-unlock-android", "key-unlock-blackberry", "key-unlock-ios", "keys", "keys-android",
        "keys-blackberry", "keys-ios", "me", "me-basic", "me-token", "token", "update-collaborator", "update-keys", "update-version",
    ];

    private static string Example(string name) => SpecExamples.Read(name);

    /// <summary>
    /// The verbatim body is not JSON: the client must say so with its one exception type (never a raw
    /// JsonReaderException). Then the one documented typo is repaired and the result returned.
    /// </summary>
    private static string Repaired(string name, string typo, string repair)
    {
        var verbatim = Example(name);
        var ex = Assert.ThrowsExactly<PgbRequestFailedException>(() => PgbClient.ParseSuccess<JToken>(HttpMethod.Get, TestClients.Server, 200, verbatim));
        Assert.Contains("not JSON", ex.Message);

        var at = verbatim.IndexOf(typo, StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, at, $"{name}: the typo '{typo}' is not in the example");
        Assert.AreEqual(-1, verbatim.IndexOf(typo, at + 1, StringComparison.Ordinal), $"{name}: the typo '{typo}' is there more than once");
        return verbatim.Replace(typo, repair);
    }

    /// <summary>The models through exactly the path a success answer takes in the client.</summary>
    private static T Read<T>(string body, int status = 200) => PgbClient.ParseSuccess<T>(HttpMethod.Get, TestClients.Server, status, body);

    /// <summary>What the client sent; MSTest makes a new instance of the class for each test, so each test has its own.</summary>
    private readonly FakeHandler _handler = new();

    private PgbClient Answering(HttpStatusCode status, string body, PgbCredential? credential = null) =>
        TestClients.Create(_handler.Enqueue(FakeHandler.Json(status, body)), credential);

    [TestMethod]
    public void EveryExampleFile_IsListedHere()
    {
        var files = Directory.GetFiles(SpecExamples.Folder, "*.json")
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray();

        CollectionAssert.AreEqual(Examples.Order(StringComparer.Ordinal).ToArray(), files);
        Assert.HasCount(37, files);
    }

    // ---- Overview: authentication and the failure shape ----

    [TestMethod]
    public async Task MeBasic_WithBasicCredential_ReadsUserNameAndEmail()
    {
        using var client = Answering(HttpStatusCode.OK, Example("me-basic"), PgbCredential.FromBasic("andrew.lunny@nitobi.com", "pw"));

        var me = await client.GetMeAsync();

        Assert.AreEqual("alunny", me.UserName);
        Assert.AreEqual("andrew.lunny@nitobi.com", me.Email);
        StringAssert.StartsWith(_handler.Requests.Single().Header("Authorization"), "Basic ");
    }

    [TestMethod]
    public async Task Token_ReturnsTheToken()
    {
        using var client = Answering(HttpStatusCode.OK, Example("token"), PgbCredential.FromBasic("andrew.lunny@nitobi.com", "pw"));

        Assert.AreEqual("ASTRINGTOKEN", await client.RequestTokenAsync());
    }

    [TestMethod]
    public async Task MeToken_ReadsUserNameAndEmail()
    {
        using var client = Answering(HttpStatusCode.OK, Example("me-token"));

        var me = await client.GetMeAsync();

        Assert.AreEqual("alunny", me.UserName);
        Assert.AreEqual("andrew.lunny@nitobi.com", me.Email);
        Assert.AreEqual(TestClients.Token, _handler.Requests.Single().QueryParameters["auth_token"]);
    }

    [TestMethod]
    [DataRow("error-generic", 400, "some error message")]
    [DataRow("error-generic", 500, "some error message")]
    [DataRow("app-404", 404, "app #54 not available")]
    public async Task ErrorExamples_OnGetApp_BecomeRequestFailedWithTheServersText(string example, int status, string message)
    {
        using var client = Answering((HttpStatusCode)status, Example(example));

        await RequestFailedAssert.ThrowsAsync(() => client.GetAppAsync(520394), status, message);
    }

    // ---- Read API ----

    [TestMethod]
    public async Task Me_ReadsUserAppsAndKeyGroups()
    {
        using var client = Answering(HttpStatusCode.OK, Example("me"));

        var me = await client.GetMeAsync();

        Assert.AreEqual(1, me.Id);
        Assert.AreEqual("alunny", me.UserName);
        Assert.AreEqual("andrew.lunny@nitobi.com", me.Email);
        Assert.AreEqual("/api/v1/me", me.Link);
        Assert.IsNotNull(me.Apps);
        Assert.AreEqual("/api/v1/apps", me.Apps.Link);
        var app = me.Apps.All.Single();
        Assert.AreEqual("A Single App", app.Title);
        Assert.AreEqual("owner", app.Role);
        Assert.AreEqual("/api/v1/apps/1234", app.Link);

        Assert.IsNotNull(me.Keys);
        Assert.AreEqual("/api/v1/keys", me.Keys.Link);
        CollectionAssert.AreEquivalent(new[] { "ios", "blackberry", "android" }, me.Keys.Platforms.Keys.ToArray());
        var ios = me.Keys.Platforms["ios"]!;
        Assert.AreEqual("/api/v1/keys/ios", ios.Link);
        Assert.HasCount(2, ios.All);
        Assert.AreEqual(34, ios.All[0].Id);
        Assert.IsTrue(ios.All[0].Default);
        Assert.AreEqual("iOS Distribution Key", ios.All[1].Title);
        Assert.IsFalse(ios.All[1].Default);
        Assert.AreEqual("/api/v1/keys/blackberry/12", me.Keys.Platforms["blackberry"]!.All.Single().Link);
        Assert.AreEqual(56, me.Keys.Platforms["android"]!.All.Single().Id);
    }

    [TestMethod]
    public async Task Apps_ReadsBothAppsWithTheirStatusDownloadErrorAndIconMaps()
    {
        using var client = Answering(HttpStatusCode.OK, Example("apps"));

        var apps = await client.GetAppsAsync();

        Assert.HasCount(2, apps);
        var first = apps[0];
        Assert.AreEqual(1, first.Id);
        Assert.AreEqual("My Index", first.Title);
        Assert.AreEqual("com.my.index", first.Package);
        Assert.AreEqual("0.0.1", first.Version);
        Assert.IsNull(first.Repo);
        Assert.AreEqual("An Index of My Applications", first.Description);
        Assert.IsFalse(first.Debug);
        Assert.IsTrue(first.Private);
        Assert.AreEqual("/api/v1/apps/1", first.Link);
        Assert.AreEqual(4, first.BuildCount);
        Assert.AreEqual("2.9.0", first.PhonegapVersion);
        Assert.IsFalse(first.Hydrates);
        Assert.AreEqual("admin", first.Role);
        Assert.HasCount(6, first.Status);
        Assert.AreEqual(PgbBuildStatus.Complete, first.StatusOf("android"));
        Assert.AreEqual(PgbBuildStatus.Error, first.StatusOf("blackberry"));
        Assert.IsTrue(first.Status.ContainsKey("ios"));
        Assert.IsNull(first.StatusOf("ios"));
        Assert.AreEqual(PgbBuildStatus.Pending, first.StatusOf("winphone"));
        CollectionAssert.AreEquivalent(new[] { "android", "symbian" }, first.Download.Keys.ToArray());
        Assert.AreEqual("/api/v1/apps/1/android", first.Download["android"]);
        Assert.AreEqual("invalid widget archive", first.ErrorOf("blackberry"));
        Assert.AreEqual("icon.png", first.Icon!.FileName);
        Assert.AreEqual("/api/v1/apps/1/icon", first.Icon.Link);

        var second = apps[1];
        Assert.AreEqual(2, second.Id);
        Assert.AreEqual("https://github.com/phonegap/phonegap-start.git", second.Repo);
        // The example breaks the line inside the string; Newtonsoft reads it, keeping the break.
        StringAssert.StartsWith(second.Description, "A template for getting started with");
        StringAssert.EndsWith(second.Description, "PhoneGap development and build.phonegap.com");
        Assert.AreEqual(12, second.BuildCount);
        Assert.IsNull(second.PhonegapVersion);
        Assert.IsTrue(second.Status.Values.All(s => s == PgbBuildStatus.Complete));
        Assert.HasCount(6, second.Download);
        Assert.AreEqual("/api/v1/apps/1/winphone", second.Download["winphone"]);
        Assert.IsEmpty(second.Error);
        Assert.AreEqual("big-icon.png", second.Icon!.FileName);

        Assert.AreEqual("/api/v1/apps", Read<PgbAppList>(Example("apps")).Link);
    }

    [TestMethod]
    public async Task App_ReadsKeysAndActiveAndPendingCollaborators()
    {
        using var client = Answering(HttpStatusCode.OK, Example("app"));

        var app = await client.GetAppAsync(2);

        Assert.AreEqual("/api/v1/apps/2", _handler.Requests.Single().Uri.AbsolutePath);
        Assert.AreEqual(2, app.Id);
        Assert.AreEqual("PhoneGap: Getting Started", app.Title);
        Assert.AreEqual("com.phonegap.getting.started", app.Package);
        Assert.AreEqual("1.0.0", app.Version);
        Assert.AreEqual(12, app.BuildCount);
        Assert.AreEqual(PgbBuildStatus.Complete, app.StatusOf("ios"));
        Assert.AreEqual("/api/v1/apps/1/ios", app.Download["ios"]);
        Assert.IsEmpty(app.Error);
        Assert.IsEmpty(app.Keys);
        Assert.AreEqual("admin", app.Role);

        Assert.IsNotNull(app.Collaborators);
        Assert.AreEqual("/api/v1/apps/9/collaborators", app.Collaborators.Link);
        Assert.HasCount(2, app.Collaborators.Active);
        Assert.AreEqual(9, app.Collaborators.Active[0].Id);
        Assert.AreEqual("andrew.lunny@nitobi.com", app.Collaborators.Active[0].Person);
        Assert.AreEqual("admin", app.Collaborators.Active[0].Role);
        Assert.AreEqual("/api/v1/apps/9/collaborators/13", app.Collaborators.Active[1].Link);
        Assert.AreEqual("developer", app.Collaborators.Active[1].Role);
        var pending = app.Collaborators.Pending.Single();
        Assert.AreEqual("nobody@nitobi.com", pending.Person);
        Assert.AreEqual("tester", pending.Role);
        Assert.IsNull(pending.Id);
    }

    [TestMethod]
    public async Task DownloadLocation_WithTheVerbatimBodyAndNoLocationHeader_ReadsTheStorageUrl()
    {
        // The spec's body has a doubled quote before the URL, so it is not JSON; the client reads the location anyway.
        using var client = Answering(HttpStatusCode.Found, Example("download-location"));

        var location = await client.GetDownloadLocationAsync(50, "android");

        Assert.AreEqual(new Uri("http://s3.amazonaws.com/build.phonegap.com/some-long-guid/app.apk"), location);
        Assert.AreEqual("/api/v1/apps/50/android", _handler.Requests.Single().Uri.AbsolutePath);
    }

    [TestMethod]
    public async Task IconLocation_WithTheVerbatimBodyAndNoLocationHeader_ReadsTheStorageUrl()
    {
        using var client = Answering(HttpStatusCode.Found, Example("icon-location"));

        var location = await client.GetIconLocationAsync(2);

        Assert.AreEqual(new Uri("http://s3.amazonaws.com/build.phonegap.com/some-long-guid/icon.png"), location);
        Assert.AreEqual("/api/v1/apps/2/icon", _handler.Requests.Single().Uri.AbsolutePath);
    }

    [TestMethod]
    public async Task Download404_BecomesRequestFailedWithTheServersText()
    {
        using var client = Answering(HttpStatusCode.NotFound, Example("download-404"));
        using var temp = new TempDirectory();

        await RequestFailedAssert.ThrowsAsync(() => client.DownloadAsync(52, "android", temp.Combine("app.apk")), 404, "app #52 download unavailable for android");
        Assert.IsEmpty(temp.ListFiles());
    }

    [TestMethod]
    public async Task Icon404_BecomesRequestFailedWithTheServersText()
    {
        using var client = Answering(HttpStatusCode.NotFound, Example("icon-404"));

        await RequestFailedAssert.ThrowsAsync(() => client.GetIconLocationAsync(52), 404, "No icon available for app #52");
    }

    [TestMethod]
    public async Task Keys_ReadsEveryGroupWithItsKeys()
    {
        using var client = Answering(HttpStatusCode.OK, Example("keys"));

        var listing = await client.GetKeysAsync();

        Assert.AreEqual("/api/v1/keys", listing.Link);
        Assert.IsNotNull(listing.Keys);
        Assert.IsNull(listing.Keys.Link, "here the link is beside keys, not inside it as in /me");
        CollectionAssert.AreEquivalent(new[] { "ios", "blackberry", "android" }, listing.Keys.Platforms.Keys.ToArray());
        var ios = listing.Keys.Platforms["ios"]!;
        Assert.AreEqual("/api/v1/keys/ios", ios.Link);
        var key = ios.All.Single();
        Assert.AreEqual(8, key.Id);
        Assert.AreEqual("My Dev Certificate", key.Title);
        Assert.IsFalse(key.Default);
        Assert.AreEqual("My_Dev_Cert.p12", key.CertName);
        Assert.AreEqual("My_Devices.mobileprovision", key.Provision);
        Assert.AreEqual("/api/v1/keys/ios/8", key.Link);
        Assert.AreEqual("developer", key.Role);
        Assert.IsTrue(key.Locked);
        Assert.AreEqual(6, listing.Keys.Platforms["blackberry"]!.All.Single().Id);
        Assert.AreEqual("release", listing.Keys.Platforms["android"]!.All.Single().Alias);
    }

    [TestMethod]
    public async Task KeysOfIos_AfterRepairingTheMissingComma_ReadsTheKey()
    {
        var body = Repaired("keys-ios", "\"My_Devices.mobileprovision\"", "\"My_Devices.mobileprovision\",");
        using var client = Answering(HttpStatusCode.OK, body);

        var listing = await client.GetPlatformKeysAsync("ios");

        Assert.AreEqual("/api/v1/keys/ios", _handler.Requests.Single().Uri.AbsolutePath);
        Assert.AreEqual("/api/v1/keys/ios", listing.Link);
        var key = listing.Keys.Single();
        Assert.AreEqual(8, key.Id);
        Assert.AreEqual("My_Devices.mobileprovision", key.Provision);
        Assert.AreEqual("/api/v1/keys/ios/8", key.Link);
        Assert.IsTrue(key.Locked);
    }

    [TestMethod]
    [DataRow("keys-android", "android", 1, "Android Release Key", "releasing")]
    [DataRow("keys-blackberry", "blackberry", 1, "I make bb apps too", null)]
    public async Task KeysOfPlatform_ReadsTheKey(string example, string platform, int id, string title, string? alias)
    {
        using var client = Answering(HttpStatusCode.OK, Example(example));

        var listing = await client.GetPlatformKeysAsync(platform);

        Assert.AreEqual("/api/v1/keys/" + platform, _handler.Requests.Single().Uri.AbsolutePath);
        Assert.AreEqual("/api/v1/keys/" + platform, listing.Link);
        var key = listing.Keys.Single();
        Assert.AreEqual(id, key.Id);
        Assert.AreEqual(title, key.Title);
        Assert.AreEqual(alias, key.Alias);
        Assert.IsFalse(key.Default);
        Assert.IsTrue(key.Locked);
    }

    [TestMethod]
    public async Task KeyIos_AfterRepairingTheMissingComma_ReadsTheKey()
    {
        var body = Repaired("key-ios", "\"My_Devices.mobileprovision\"", "\"My_Devices.mobileprovision\",");
        using var client = Answering(HttpStatusCode.OK, body);

        var key = await client.GetKeyAsync("ios", 8);

        Assert.AreEqual("/api/v1/keys/ios/8", _handler.Requests.Single().Uri.AbsolutePath);
        Assert.AreEqual(8, key.Id);
        Assert.AreEqual("My Dev Certificate", key.Title);
        Assert.AreEqual("My_Dev_Cert.p12", key.CertName);
        Assert.AreEqual("My_Devices.mobileprovision", key.Provision);
        Assert.AreEqual("developer", key.Role);
        Assert.IsTrue(key.Locked);
    }

    [TestMethod]
    [DataRow("key-android", "android", 1, "Android Release Key", "releasing")]
    [DataRow("key-blackberry", "blackberry", 1, "I make bb apps too", null)]
    public async Task KeyOfPlatform_ReadsTheKey(string example, string platform, int id, string title, string? alias)
    {
        using var client = Answering(HttpStatusCode.OK, Example(example));

        var key = await client.GetKeyAsync(platform, id);

        Assert.AreEqual($"/api/v1/keys/{platform}/{id}", _handler.Requests.Single().Uri.AbsolutePath);
        Assert.AreEqual(id, key.Id);
        Assert.AreEqual(title, key.Title);
        Assert.AreEqual(alias, key.Alias);
        Assert.AreEqual($"/api/v1/keys/{platform}/1", key.Link);
        Assert.IsTrue(key.Locked);
    }

    [TestMethod]
    public async Task Key404_BecomesRequestFailedWithTheServersText()
    {
        using var client = Answering(HttpStatusCode.NotFound, Example("key-404"));

        await RequestFailedAssert.ThrowsAsync(() => client.GetKeyAsync("ios", 8989898), 404, "could not find ios key #8989898");
    }

    // ---- Write API ----

    [TestMethod]
    public async Task CreateFile_ReadsKeysArrayCollaboratorsAndPendingStatus()
    {
        using var temp = new TempDirectory();
        var archive = temp.WriteFile("index.html", "<html></html>");
        using var client = Answering(HttpStatusCode.Created, Example("create-file"));

        var app = await client.CreateAppFromFileAsync(new PgbAppCreateOptions { Title = "API V1 App", Package = "com.alunny.apiv1", Version = "0.1.0" }, archive);

        Assert.AreEqual(26486, app.Id);
        Assert.AreEqual("API V1 App", app.Title);
        Assert.IsNull(app.Repo);
        Assert.AreEqual("com.alunny.apiv1", app.Package);
        Assert.AreEqual("0.1.0", app.Version);
        Assert.IsNull(app.Description);
        Assert.IsNull(app.BuildCount);
        Assert.AreEqual("/api/v1/apps/26486", app.Link);
        Assert.AreEqual("ios-key", app.Keys["ios"]!.Title);
        Assert.IsTrue(app.Keys["ios"]!.Default);
        Assert.AreEqual("/api/v1/keys/android/2", app.Keys["android"]!.Link);
        Assert.IsTrue(app.Keys.ContainsKey("blackberry"));
        Assert.IsNull(app.Keys["blackberry"]);
        Assert.IsEmpty(app.Download);
        Assert.IsEmpty(app.Error);
        Assert.IsNull(app.Icon!.FileName);
        Assert.AreEqual("/api/v1/apps/26486/icon", app.Icon.Link);
        Assert.HasCount(6, app.Status);
        Assert.IsTrue(app.Status.Values.All(s => s == PgbBuildStatus.Pending));
        var owner = app.Collaborators!.Active.Single();
        Assert.AreEqual("andrew.lunny@nitobi.com", owner.Person);
        Assert.AreEqual("admin", owner.Role);
        Assert.IsEmpty(app.Collaborators.Pending);
    }

    [TestMethod]
    public async Task CreateRepo_AfterRepairingTheUnterminatedLink_ReadsTheApp()
    {
        var body = Repaired("create-repo", "\"link\":\"/api/v1/apps/26488,", "\"link\":\"/api/v1/apps/26488\",");
        using var client = Answering(HttpStatusCode.Created, body);

        var app = await client.CreateAppFromRepoAsync(new PgbAppCreateOptions { Title = "API V1 App", Repo = "https://github.com/alunny/phonegap-start.git" });

        Assert.AreEqual(26488, app.Id);
        Assert.AreEqual("alunnys Amazing App", app.Title);
        Assert.AreEqual("https://github.com/alunny/phonegap-start.git", app.Repo);
        Assert.AreEqual("/api/v1/apps/26488", app.Link);
        Assert.AreEqual("blurry", app.Icon!.FileName);
        Assert.HasCount(5, app.Status);
        Assert.IsNull(app.StatusOf("winphone"), "this example lists no winphone status");
        Assert.AreEqual(2, app.Keys["ios"]!.Id);
        Assert.IsNull(app.Keys["blackberry"]);
        Assert.AreEqual("admin", app.Collaborators!.Active.Single().Role);
    }

    [TestMethod]
    public async Task CreatePrivateRepo400_BecomesRequestFailedWithTheServersTextUnchanged()
    {
        using var client = Answering(HttpStatusCode.BadRequest, Example("create-private-repo-400"));

        await RequestFailedAssert.ThrowsAsync(
            () => client.CreateAppFromRepoAsync(new PgbAppCreateOptions { Title = "API V1 App", Repo = "https://alunny@github.com/alunny/phonegap-start.git" }),
            400,
            "Private repository URLs not supported - try removing &quot;alunny@&quot;");
    }

    [TestMethod]
    public async Task CreateWithKeys_AfterRepairingTheUnterminatedLink_ReadsTheChosenKeys()
    {
        var body = Repaired("create-with-keys", "\"link\":\"/api/v1/apps/36500,", "\"link\":\"/api/v1/apps/36500\",");
        using var client = Answering(HttpStatusCode.Created, body);

        var app = await client.CreateAppFromRepoAsync(new PgbAppCreateOptions
        {
            Title = "Signing Keys",
            Repo = "https://github.com/alunny/phonegap-start.git",
            Keys = new Dictionary<string, object> { ["ios"] = 123, ["android"] = 567 },
        });

        Assert.AreEqual("""{"ios":123,"android":567}""", JObject.Parse(_handler.Requests.Single().FormFields["data"]!)["keys"]!.ToString(Formatting.None));
        Assert.AreEqual(36500, app.Id);
        Assert.AreEqual("Remote Application", app.Title);
        Assert.AreEqual(123, app.Keys["ios"]!.Id);
        Assert.AreEqual("new iOS key", app.Keys["ios"]!.Title);
        Assert.IsFalse(app.Keys["ios"]!.Default);
        Assert.AreEqual(567, app.Keys["android"]!.Id);
        Assert.AreEqual("/api/v1/keys/android/567", app.Keys["android"]!.Link);
        Assert.AreEqual("null", app.Icon!.FileName, "the example has the string \"null\", not null");
        Assert.AreEqual(PgbBuildStatus.Pending, app.StatusOf("winphone"));
        Assert.IsNull(app.BuildCount);
    }

    [TestMethod]
    public async Task UpdateVersion_ReadsNullKeysAndBuildCount()
    {
        using var client = Answering(HttpStatusCode.OK, Example("update-version"));

        var app = await client.UpdateAppAsync(8, new PgbAppUpdateOptions { Version = "0.2.0" });

        Assert.AreEqual(HttpMethod.Put, _handler.Requests.Single().Method);
        Assert.AreEqual("""{"version":"0.2.0"}""", _handler.Requests.Single().FormFields["data"]);
        Assert.AreEqual(8, app.Id);
        Assert.AreEqual("0.2.0", app.Version);
        Assert.AreEqual("App From API", app.Title);
        Assert.HasCount(3, app.Keys);
        Assert.IsTrue(app.Keys.Values.All(k => k is null));
        Assert.AreEqual(12, app.BuildCount);
        Assert.IsNull(app.StatusOf("ios"));
        Assert.AreEqual(PgbBuildStatus.Pending, app.StatusOf("android"));
        Assert.AreEqual("andrew.lunny@nitobi.com", app.Collaborators!.Active.Single().Person);
    }

    [TestMethod]
    public async Task UpdateKeys_AfterRepairingTheUnterminatedLink_ReadsTheChangedKey()
    {
        var body = Repaired("update-keys", "\"link\":\"/api/v1/apps/36500,", "\"link\":\"/api/v1/apps/36500\",");
        using var client = Answering(HttpStatusCode.OK, body);

        var app = await client.UpdateAppAsync(36500, new PgbAppUpdateOptions
        {
            Keys = new Dictionary<string, object> { ["android"] = new { id = 457, key_pw = "password1", keystore_pw = "password2" } },
        });

        var sent = JObject.Parse(_handler.Requests.Single().FormFields["data"]!);
        Assert.AreEqual(457, (int)sent["keys"]!["android"]!["id"]!);
        Assert.AreEqual(36500, app.Id);
        Assert.AreEqual(457, app.Keys["android"]!.Id);
        Assert.AreEqual("changed android key", app.Keys["android"]!.Title);
        Assert.AreEqual(123, app.Keys["ios"]!.Id);
        Assert.IsNull(app.Keys["blackberry"]);
    }

    [TestMethod]
    public void AddCollaborator_AfterReplacingTheElision_ReadsActiveAndPending()
    {
        // "..." stands for the rest of the app in the spec; a dummy property takes its place.
        var body = Repaired("add-collaborator", "...", "\"elided_by_the_spec\":null");

        var app = Read<PgbApp>(body, 201);

        Assert.AreEqual(12, app.Id);
        Assert.AreEqual("App With Collaborators", app.Title);
        Assert.AreEqual("app.with.collaborators", app.Package);
        Assert.AreEqual("/api/v1/apps/9/collaborators", app.Collaborators!.Link);
        Assert.HasCount(2, app.Collaborators.Pending);
        Assert.AreEqual("newguy@nitobi.com", app.Collaborators.Pending[0].Person);
        Assert.AreEqual("developer", app.Collaborators.Pending[0].Role);
        Assert.HasCount(2, app.Collaborators.Active);
        Assert.AreEqual(13, app.Collaborators.Active[1].Id);
        Assert.AreEqual("/api/v1/apps/9/collaborators/13", app.Collaborators.Active[1].Link);
    }

    [TestMethod]
    public void UpdateCollaborator_ReadsTheCollaboratorAndItsApp()
    {
        var collaborator = Read<PgbCollaborator>(Example("update-collaborator"));

        Assert.AreEqual(13, collaborator.Id);
        Assert.AreEqual("foo@bar.com", collaborator.Person);
        Assert.AreEqual("tester", collaborator.Role);
        Assert.AreEqual("/api/v1/apps/12/collaborators/13", collaborator.Link);
        Assert.IsNotNull(collaborator.App);
        Assert.AreEqual(12, collaborator.App.Id);
        Assert.AreEqual("My App", collaborator.App.Title);
        Assert.IsNull(collaborator.App.Debug);
        Assert.IsNull(collaborator.App.BuildCount);
        Assert.AreEqual("/api/v1/apps/12/icon", collaborator.App.Icon!.Link);
        Assert.HasCount(6, collaborator.App.Status);
        Assert.IsEmpty(collaborator.App.Error);
    }

    [TestMethod]
    [DataRow("key-create-ios", 11, "Developer Cert", "/api/v1/keys/ios/11")]
    [DataRow("key-unlock-ios", 11, "Developer Cert", "/api/v1/keys/ios/11")]
    [DataRow("key-create-android", 2, "Android Key", "/api/v1/keys/android/2")]
    [DataRow("key-unlock-android", 2, "Android Key", "/api/v1/keys/android/2")]
    [DataRow("key-create-blackberry", 2, "My BB Key", "/api/v1/keys/blackberry/2")]
    [DataRow("key-unlock-blackberry", 2, "My BB Key", "/api/v1/keys/blackberry/2")]
    public void KeyWriteAnswers_ReadTheUnlockedKey(string example, int id, string title, string link)
    {
        var key = Read<PgbKeyReference>(Example(example), 201);

        Assert.AreEqual(id, key.Id);
        Assert.AreEqual(title, key.Title);
        Assert.AreEqual(link, key.Link);
        Assert.IsFalse(key.Default);
        Assert.IsFalse(key.Locked);
        if (example.EndsWith("-ios", StringComparison.Ordinal))
        {
            Assert.AreEqual("meandmyteam.mobileprovision", key.Provision);
            Assert.AreEqual("My_Certificate.p12", key.CertName);
            Assert.AreEqual("developer", key.Role);
        }

        if (example.EndsWith("-android", StringComparison.Ordinal))
        {
            Assert.AreEqual("release", key.Alias);
        }
    }

    [TestMethod]
    public async Task DeleteApp_WithTheSuccessAnswer_Succeeds()
    {
        using var client = Answering(HttpStatusCode.Accepted, Example("delete-app"));

        await client.DeleteAppAsync(8);

        Assert.AreEqual(HttpMethod.Delete, _handler.Requests.Single().Method);
        Assert.AreEqual("/api/v1/apps/8", _handler.Requests.Single().Uri.AbsolutePath);
    }

    [TestMethod]
    [DataRow("delete-app", "app 8 deleted")]
    [DataRow("delete-collaborator", "foo@bar.com removed from app 9")]
    [DataRow("delete-key", "android key 8 deleted")]
    public void DeleteAnswers_AreSuccessesNotErrors(string example, string success)
    {
        var answer = Read<JToken>(Example(example), 202);

        Assert.AreEqual(success, (string?)answer["success"]);
    }
}
