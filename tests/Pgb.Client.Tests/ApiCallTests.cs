namespace Pgb.Client.Tests;

/// <summary>
/// The calls beyond the pipeline's: what each puts on the wire (method, path, body) and how it reads the answer, with
/// the v1 API docs' own examples (TestData/Spec003) where the docs give one.
/// </summary>
[TestClass]
public sealed class ApiCallTests
{
    /// <summary>What the client sent; MSTest makes a new instance of the class for each test, so each test has its own.</summary>
    private readonly FakeHandler _handler = new();

    private PgbClient Answering(HttpStatusCode status, string body) => TestClients.Create(_handler.Enqueue(FakeHandler.Json(status, body)));

    /// <summary>The add-collaborator example with its "..." elision replaced, the one repair <see cref="SpecExampleTests"/> also makes.</summary>
    private static string AddCollaboratorExample() => SpecExamples.Read("add-collaborator").Replace("...", "\"elided_by_the_spec\":null");

    private static JObject Data(RecordedRequest request) => JObject.Parse(request.FormFields["data"]!);

    [TestMethod]
    [DataRow(HttpStatusCode.Created, false)]
    [DataRow(HttpStatusCode.Accepted, true)]
    public async Task AddCollaborator_PostsEmailAndRole_AndTellsAPendingInvitationBy202(HttpStatusCode status, bool pending)
    {
        using var client = Answering(status, AddCollaboratorExample());

        var result = await client.AddCollaboratorAsync(12, "newguy@nitobi.com", "developer");

        var request = _handler.Requests.Single();
        Assert.AreEqual("POST /api/v1/apps/12/collaborators", request.Method + " " + request.Uri.AbsolutePath);
        Assert.IsTrue(JToken.DeepEquals(JObject.Parse("""{"email":"newguy@nitobi.com","role":"dev"}"""), Data(request)), request.BodyText);
        Assert.AreEqual(pending, result.Pending);
        Assert.AreEqual(12, result.App.Id);
        Assert.AreEqual("newguy@nitobi.com", result.App.Collaborators!.Pending[0].Person);
        Assert.AreEqual("developer", result.App.Collaborators.Pending[0].Role);
    }

    [TestMethod]
    [DataRow("tester", "tester")]
    [DataRow("Developer", "dev")]
    [DataRow("dev", "dev")]
    [DataRow("admin", "admin")]
    public async Task ChangeCollaboratorRole_PutsTheRoleAsTheWriteApiNamesIt(string role, string sent)
    {
        using var client = Answering(HttpStatusCode.OK, SpecExamples.Read("update-collaborator"));

        var collaborator = await client.ChangeCollaboratorRoleAsync(12, 13, role);

        var request = _handler.Requests.Single();
        Assert.AreEqual("PUT /api/v1/apps/12/collaborators/13", request.Method + " " + request.Uri.AbsolutePath);
        Assert.AreEqual($$"""{"role":"{{sent}}"}""", request.FormFields["data"]);
        Assert.AreEqual(13, collaborator.Id);
        Assert.AreEqual("tester", collaborator.Role);
        Assert.AreEqual(12, collaborator.App!.Id);
    }

    [TestMethod]
    public void ChangeCollaboratorRole_WithAnUnknownRole_ThrowsBeforeSending()
    {
        var handler = new FakeHandler();
        using var client = TestClients.Create(handler);

        Assert.ThrowsExactly<ArgumentException>(() => client.ChangeCollaboratorRoleAsync(12, 13, "owner"));
        Assert.IsEmpty(handler.Requests);
    }

    [TestMethod]
    public async Task RemoveCollaborator_DeletesAndReturnsTheServicesText()
    {
        using var client = Answering(HttpStatusCode.OK, SpecExamples.Read("delete-collaborator"));

        var text = await client.RemoveCollaboratorAsync(12, 13);

        Assert.AreEqual("DELETE /api/v1/apps/12/collaborators/13", _handler.Requests.Single().Method + " " + _handler.Requests.Single().Uri.AbsolutePath);
        Assert.AreEqual("foo@bar.com removed from app 9", text);
    }

    [TestMethod]
    public async Task GetCollaborators_ReadsActiveAndPendingFromTheApp()
    {
        using var client = Answering(HttpStatusCode.OK, SpecExamples.Read("app"));

        var collaborators = await client.GetCollaboratorsAsync(2);

        Assert.AreEqual("/api/v1/apps/2", _handler.Requests.Single().Uri.AbsolutePath);
        Assert.IsNotNull(collaborators);
        Assert.HasCount(2, collaborators.Active);
        Assert.AreEqual("foo@bar.com", collaborators.Active[1].Person);
        Assert.AreEqual("nobody@nitobi.com", collaborators.Pending.Single().Person);
    }

    /// <summary>The Read API lists them to the owner only: an answer without them is "not yours to see", not "nobody".</summary>
    [TestMethod]
    public async Task GetCollaborators_WhenTheAppAnswerListsNone_IsNull()
    {
        using var client = Answering(HttpStatusCode.OK, """{"id":3,"title":"Shared with me","role":"tester"}""");

        var collaborators = await client.GetCollaboratorsAsync(3);

        Assert.IsNull(collaborators);
    }

    [TestMethod]
    public async Task AddCollaborator_WhenTheServerRefuses_FailsWithItsStatusAndText()
    {
        using var client = Answering(HttpStatusCode.MethodNotAllowed, """{"error":"method not allowed"}""");

        await RequestFailedAssert.ThrowsAsync(() => client.AddCollaboratorAsync(12, "a@b.c", "tester"), 405, "method not allowed");
    }

    [TestMethod]
    public async Task UpdateAppWithMetadataAndFile_SendsOnePutWithDataAndFileParts()
    {
        using var temp = new TempDirectory();
        var archive = temp.WriteFile("index.html", "<html></html>");
        using var client = Answering(HttpStatusCode.OK, SpecExamples.Read("update-version"));

        var app = await client.UpdateAppAsync(8, new PgbAppUpdateOptions { Version = "0.2.0" }, archive);

        var request = _handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Put, request.Method);
        Assert.AreEqual("/api/v1/apps/8", request.Uri.AbsolutePath);
        Assert.HasCount(2, request.Parts);
        Assert.AreEqual("data", request.Parts[0].Name);
        Assert.IsNull(request.Parts[0].ContentType, "a Content-Type on the data part broke the real service");
        Assert.AreEqual("""{"version":"0.2.0"}""", request.Parts[0].BodyText);
        Assert.AreEqual("file", request.Parts[1].Name);
        Assert.AreEqual("index.html", request.Parts[1].FileName);
        Assert.AreEqual("text/html", request.Parts[1].ContentType);
        Assert.AreEqual((long)request.Body.Length, request.ContentLength);
        Assert.AreEqual("0.2.0", app.Version);
    }

    [TestMethod]
    public async Task BuildPlatform_PostsToTheSinglePlatformRouteWithALength()
    {
        using var client = Answering(HttpStatusCode.Accepted, SpecExamples.Read("update-version"));

        var app = await client.BuildPlatformAsync(12, "android");

        var request = _handler.Requests.Single();
        Assert.AreEqual("POST /api/v1/apps/12/build/android", request.Method + " " + request.Uri.AbsolutePath);
        Assert.AreEqual(0L, request.ContentLength, "an empty POST still announces its length (411 otherwise)");
        Assert.AreEqual(8, app.Id);
    }

    [TestMethod]
    public async Task QueueBuild_ReturnsTheAppTheServiceAnswered()
    {
        using var client = Answering(HttpStatusCode.Accepted, SpecExamples.Read("update-version"));

        var app = await client.QueueBuildAsync(8, ["android", "ios"]);

        Assert.AreEqual("""{"platforms":["android","ios"]}""", _handler.Requests.Single().FormFields["data"]);
        Assert.IsNotNull(app);
        Assert.AreEqual("App From API", app.Title);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("{}")]
    public async Task QueueBuild_WithAnEmptyAnswer_ReturnsNull(string body)
    {
        using var client = Answering(HttpStatusCode.Accepted, body);

        Assert.IsNull(await client.QueueBuildAsync(8));
    }

    [TestMethod]
    public async Task DeleteApp_ReturnsTheServicesText()
    {
        using var client = Answering(HttpStatusCode.Accepted, SpecExamples.Read("delete-app"));

        Assert.AreEqual("app 8 deleted", await client.DeleteAppAsync(8));
    }

    [TestMethod]
    public async Task DeleteKey_ReturnsTheServicesText()
    {
        using var client = Answering(HttpStatusCode.Accepted, SpecExamples.Read("delete-key"));

        Assert.AreEqual("android key 8 deleted", await client.DeleteKeyAsync("android", 8));
        Assert.AreEqual("DELETE /api/v1/keys/android/8", _handler.Requests.Single().Method + " " + _handler.Requests.Single().Uri.AbsolutePath);
    }

    [TestMethod]
    public async Task SetIcon_PostsThePngAsTheIconPart()
    {
        using var temp = new TempDirectory();
        var png = temp.WriteFile("icon.png", "png-bytes");
        using var client = Answering(HttpStatusCode.Created, SpecExamples.Read("update-version"));

        var app = await client.SetIconAsync(8, png);

        var request = _handler.Requests.Single();
        Assert.AreEqual("POST /api/v1/apps/8/icon", request.Method + " " + request.Uri.AbsolutePath);
        var part = request.Parts.Single();
        Assert.AreEqual("icon", part.Name);
        Assert.AreEqual("icon.png", part.FileName);
        Assert.AreEqual("png-bytes", part.BodyText);
        Assert.AreEqual(8, app.Id);
    }

    [TestMethod]
    public async Task DownloadIcon_FollowsTheLocationWithoutCredentials_AndSavesTheIcon()
    {
        using var temp = new TempDirectory();
        var handler = new FakeHandler()
            .Enqueue(FakeHandler.Json(HttpStatusCode.Found, SpecExamples.Read("icon-location")))
            .Enqueue(FakeHandler.Bytes([0x89, 0x50, 0x4E, 0x47], "image/png"));
        using var client = TestClients.Create(handler);

        var result = await client.DownloadIconAsync(2, temp.Combine("icon.png"));

        Assert.AreEqual("/api/v1/apps/2/icon", handler.Requests[0].Uri.AbsolutePath);
        Assert.AreEqual("http://s3.amazonaws.com/build.phonegap.com/some-long-guid/icon.png", handler.Requests[1].Uri.ToString());
        Assert.IsNull(handler.Requests[1].QueryParameters["auth_token"], "the storage host never sees the token");
        CollectionAssert.AreEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(result.FilePath));
        Assert.AreEqual(4L, result.Length);
    }

    [TestMethod]
    public async Task GetAppStatus_ReadsCompletedStatusesAndErrors()
    {
        using var client = Answering(HttpStatusCode.OK,
            """{"id":7,"completed":true,"status":{"android":"complete","ios":"error","winphone":null},"error":{"ios":"Keystore was tampered with"},"link":"/api/v1/apps/7/status"}""");

        var status = await client.GetAppStatusAsync(7);

        Assert.AreEqual("/api/v1/apps/7/status", _handler.Requests.Single().Uri.AbsolutePath);
        Assert.IsTrue(status.Completed);
        Assert.AreEqual(PgbBuildStatus.Complete, status.Status["android"]);
        Assert.IsNull(status.Status["winphone"]);
        Assert.AreEqual("Keystore was tampered with", status.Error["ios"]);
    }

    [TestMethod]
    [DataRow("""{"log":"BUILD SUCCESSFUL\nTotal time: 41 secs"}""", "BUILD SUCCESSFUL\nTotal time: 41 secs")]
    [DataRow("""{"log":null}""", "")]
    public async Task GetBuildLog_ReadsTheLogOfThePlatform(string body, string log)
    {
        using var client = Answering(HttpStatusCode.OK, body);

        Assert.AreEqual(log, await client.GetBuildLogAsync(7, "android"));
        Assert.AreEqual("/api/v1/apps/7/logs/android/build", _handler.Requests.Single().Uri.AbsolutePath);
    }

    [TestMethod]
    public async Task GetCurrentSupport_ReadsTheDefaultAndEachVersion()
    {
        using var client = Answering(HttpStatusCode.OK,
            """{"default":"cli-6.5.0","by_phonegap":{"cli-6.5.0":{"android":"6.1.2","ios":"4.3.1"},"cli-7.0.1":["android","ios"]}}""");

        var support = await client.GetCurrentSupportAsync();

        Assert.AreEqual("/api/v1/current_support", _handler.Requests.Single().Uri.AbsolutePath);
        Assert.AreEqual("cli-6.5.0", support.Default);
        CollectionAssert.AreEqual(new[] { "cli-6.5.0", "cli-7.0.1" }, support.ByPhonegap.Keys.ToArray());
        Assert.AreEqual("6.1.2", (string?)support.ByPhonegap["cli-6.5.0"]!["android"]);
    }

    [TestMethod]
    public async Task UpdateKey_PutsTitleAndDefaultOnly()
    {
        using var client = Answering(HttpStatusCode.OK, SpecExamples.Read("key-unlock-android"));

        var key = await client.UpdateKeyAsync("android", 2, new PgbKeyUpdateOptions { Title = "Release", Default = true });

        var request = _handler.Requests.Single();
        Assert.AreEqual("PUT /api/v1/keys/android/2", request.Method + " " + request.Uri.AbsolutePath);
        Assert.AreEqual("""{"title":"Release","default":true}""", request.FormFields["data"]);
        Assert.AreEqual(2, key.Id);
    }

    [TestMethod]
    public async Task CreateKey_WithDefault_SendsItInData()
    {
        using var temp = new TempDirectory();
        var keystore = temp.WriteFile("release.keystore", "ks");
        using var client = Answering(HttpStatusCode.Created, SpecExamples.Read("key-create-android"));

        await client.CreateKeyAsync(new PgbAndroidKeyOptions { Title = "Android Key", Alias = "release", KeystorePath = keystore, Default = true });

        var data = JObject.Parse(_handler.Requests.Single().Parts[0].BodyText);
        Assert.IsTrue((bool)data["default"]!);
        Assert.IsFalse(data.ContainsKey("key_pw"), "no password: the key is uploaded locked");
    }

    // ---- HATEOAS: following links from answers ----

    [TestMethod]
    public async Task FollowLink_FromMe_ReadsTheLinkedResourcesWithTheirTypes()
    {
        var handler = new FakeHandler()
            .Enqueue(FakeHandler.Json(HttpStatusCode.OK, SpecExamples.Read("me")))
            .Enqueue(FakeHandler.Json(HttpStatusCode.OK, SpecExamples.Read("app")))
            .Enqueue(FakeHandler.Json(HttpStatusCode.OK, SpecExamples.Read("keys-android")));
        using var client = TestClients.Create(handler);

        var me = await client.GetMeAsync();
        var app = await client.FollowLinkAsync<PgbApp>(me.Apps!.All.Single().Link!);
        var keys = await client.FollowLinkAsync<PgbPlatformKeyListing>(me.Keys!.Platforms["android"]!.Link!);

        Assert.AreEqual("/api/v1/apps/1234", handler.Requests[1].Uri.AbsolutePath);
        Assert.AreEqual(TestClients.Token, handler.Requests[1].QueryParameters["auth_token"]);
        Assert.AreEqual("PhoneGap: Getting Started", app.Title);
        Assert.AreEqual("/api/v1/keys/android", handler.Requests[2].Uri.AbsolutePath);
        Assert.AreEqual("releasing", keys.Keys.Single().Alias);
    }

    [TestMethod]
    [DataRow("/api/v1/keys", "https://build.example/prefix/api/v1/keys")]
    [DataRow("api/v1/keys", "https://build.example/prefix/api/v1/keys")]
    [DataRow("https://build.example/prefix/api/v1/me", "https://build.example/prefix/api/v1/me")]
    public void ResolveLink_KeepsTheServersPathPrefix(string link, string expected)
    {
        using var client = TestClients.Create(new FakeHandler(), server: new Uri("https://build.example/prefix"));

        Assert.AreEqual(new Uri(expected), client.ResolveLink(link));
    }

    [TestMethod]
    [DataRow("https://elsewhere.example/api/v1/me")]
    [DataRow("//elsewhere.example/api/v1/me")]
    [DataRow("http://build.example/api/v1/me")]
    [DataRow("")]
    public void ResolveLink_ToAnotherHost_IsRefusedSoTheTokenStaysHome(string link)
    {
        using var client = TestClients.Create(new FakeHandler());

        Assert.ThrowsExactly<ArgumentException>(() => client.ResolveLink(link));
    }
}
