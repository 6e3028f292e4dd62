namespace Pgb.Client.Tests;

[TestClass]
public sealed class ModelTests
{
    private static async Task<Models.PgbApp> GetAppFrom(string json)
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, json));
        using var client = TestClients.Create(handler);
        return await client.GetAppAsync(5);
    }

    [TestMethod]
    public async Task GetApp_WhenCollaboratorsIsAnArray_ReadsThemAsActive()
    {
        var app = await GetAppFrom("""{"id":5,"collaborators":[{"id":1,"person":"a@example.com","role":"admin","link":"/api/v1/apps/5/collaborators/1"}]}""");

        Assert.IsNotNull(app.Collaborators);
        Assert.HasCount(1, app.Collaborators.Active);
        Assert.AreEqual("a@example.com", app.Collaborators.Active[0].Person);
        Assert.IsEmpty(app.Collaborators.Pending);
    }

    [TestMethod]
    public async Task GetApp_WhenCollaboratorsIsAnObject_ReadsActivePendingAndLink()
    {
        var app = await GetAppFrom("""
            {"id":5,"collaborators":{"link":"/api/v1/apps/5/collaborators",
             "active":[{"id":1,"person":"a@example.com","role":"admin"},{"id":2,"person":"b@example.com","role":"tester"}],
             "pending":[{"person":"c@example.com","role":"dev"}]}}
            """);

        Assert.IsNotNull(app.Collaborators);
        Assert.AreEqual("/api/v1/apps/5/collaborators", app.Collaborators.Link);
        Assert.HasCount(2, app.Collaborators.Active);
        Assert.AreEqual("tester", app.Collaborators.Active[1].Role);
        Assert.HasCount(1, app.Collaborators.Pending);
        Assert.IsNull(app.Collaborators.Pending[0].Id);
    }

    [TestMethod]
    public async Task GetApp_WhenStatusValuesAreNull_ReadsThemAsNull()
    {
        var app = await GetAppFrom("""{"id":5,"status":{"android":"complete","ios":null,"winphone":"pending"}}""");

        Assert.AreEqual("complete", app.StatusOf("android"));
        Assert.IsTrue(app.Status.ContainsKey("ios"));
        Assert.IsNull(app.StatusOf("ios"));
        Assert.AreEqual("pending", app.StatusOf("WinPhone"));
        Assert.IsNull(app.StatusOf("blackberry"));
    }

    [TestMethod]
    public async Task GetApp_WhenBuildCountAndBlackberryKeyAreNull_Parses()
    {
        var app = await GetAppFrom("""
            {"id":5,"title":"Demo","build_count":null,"version":"1.0.0",
             "keys":{"ios":null,"android":{"id":3,"title":"release","default":true,"link":"/api/v1/keys/android/3"},"blackberry":null},
             "icon":{"filename":"icon.png","link":"/api/v1/apps/5/icon"}}
            """);

        Assert.IsNull(app.BuildCount);
        Assert.AreEqual("1.0.0", app.Version);
        Assert.IsTrue(app.Keys.ContainsKey("blackberry"));
        Assert.IsNull(app.Keys["blackberry"]);
        Assert.IsNull(app.Keys["ios"]);
        Assert.AreEqual(3, app.Keys["android"]!.Id);
        Assert.AreEqual("icon.png", app.Icon!.FileName);
    }

    [TestMethod]
    public async Task GetApp_WhenMapsAreEmptyArrays_ReadsEmptyMaps()
    {
        var app = await GetAppFrom("""{"id":5,"status":[],"download":[],"error":[],"keys":[],"collaborators":[]}""");

        Assert.IsEmpty(app.Status);
        Assert.IsEmpty(app.Download);
        Assert.IsEmpty(app.Error);
        Assert.IsEmpty(app.Keys);
        Assert.IsNotNull(app.Collaborators);
        Assert.IsEmpty(app.Collaborators.Active);
    }

    [TestMethod]
    public async Task GetApp_WhenMapsAreNull_ReadsEmptyMaps()
    {
        var app = await GetAppFrom("""{"id":5,"status":null,"download":null,"error":null,"keys":null}""");

        Assert.IsEmpty(app.Status);
        Assert.IsEmpty(app.Download);
        Assert.IsEmpty(app.Error);
        Assert.IsEmpty(app.Keys);
    }

    [TestMethod]
    public async Task GetApp_WhenErrorMapHasMessages_ErrorOfReturnsThem()
    {
        var app = await GetAppFrom("""{"id":5,"status":{"android":"error"},"error":{"android":"Keystore was tampered with, or password was incorrect"}}""");

        Assert.AreEqual("Keystore was tampered with, or password was incorrect", app.ErrorOf("android"));
        Assert.IsNull(app.ErrorOf("ios"));
    }

    [TestMethod]
    public async Task GetApp_WhenAStatusIsNotAString_KeepsItsJsonText()
    {
        var app = await GetAppFrom("""{"id":5,"status":{"android":3}}""");

        Assert.AreEqual("3", app.StatusOf("android"));
    }

    [TestMethod]
    public async Task GetMe_WhenKeyGroupIsNull_ParsesOtherGroupsAndLink()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """
            {"id":1,"username":"dev","email":"dev@localhost","link":"/api/v1/me",
             "apps":{"link":"/api/v1/apps","all":[{"id":5,"title":"Demo","role":"admin","link":"/api/v1/apps/5"}]},
             "keys":{"link":"api/v1/keys","ios":{"link":"/api/v1/keys/ios","all":[]},"blackberry":null,
                     "android":{"link":"/api/v1/keys/android","all":[{"id":3,"title":"release","default":true}]}}}
            """));
        using var client = TestClients.Create(handler);

        var me = await client.GetMeAsync();

        Assert.AreEqual("dev@localhost", me.Email);
        Assert.HasCount(1, me.Apps!.All);
        Assert.IsNotNull(me.Keys);
        Assert.AreEqual("api/v1/keys", me.Keys.Link);
        Assert.IsNull(me.Keys.Platforms["blackberry"]);
        Assert.IsEmpty(me.Keys.Platforms["ios"]!.All);
        Assert.AreEqual("release", me.Keys.Platforms["android"]!.All[0].Title);
    }

    [TestMethod]
    public async Task GetApps_ReadsTheAppList()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"link":"/api/v1/apps","apps":[{"id":5,"build_count":null},{"id":6,"build_count":3}]}"""));
        using var client = TestClients.Create(handler);

        var apps = await client.GetAppsAsync();

        CollectionAssert.AreEqual(new[] { 5, 6 }, apps.Select(a => a.Id).ToArray());
        Assert.AreEqual(3, apps[1].BuildCount);
    }

    [TestMethod]
    public async Task GetApps_WhenAppsIsNull_ReturnsAnEmptyList()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"apps":null,"link":"/api/v1/apps"}"""));
        using var client = TestClients.Create(handler);

        var apps = await client.GetAppsAsync();

        Assert.IsNotNull(apps);
        Assert.IsEmpty(apps);
    }

    [TestMethod]
    public async Task GetApp_WhenAKeyIsGivenAsItsBareId_ReadsTheId()
    {
        // The spec lets a request name a key by its integer id; a server that echoes its data hash answers the same way.
        var app = await GetAppFrom("""{"id":5,"keys":{"ios":123,"android":{"id":567,"title":"release"},"blackberry":null}}""");

        Assert.AreEqual(123, app.Keys["ios"]!.Id);
        Assert.IsNull(app.Keys["ios"]!.Title);
        Assert.AreEqual(567, app.Keys["android"]!.Id);
        Assert.IsNull(app.Keys["blackberry"]);
    }

    [TestMethod]
    public async Task GetMe_WhenAppsAllIsNull_ReadsAnEmptyList()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":1,"apps":{"link":"/api/v1/apps","all":null},"keys":{"ios":{"all":null}}}"""));
        using var client = TestClients.Create(handler);

        var me = await client.GetMeAsync();

        Assert.IsEmpty(me.Apps!.All);
        Assert.IsEmpty(me.Keys!.Platforms["ios"]!.All);
    }

    [TestMethod]
    [DataRow("""{"id":5,"collaborators":{"link":{"href":"/x"},"active":[]}}""")]
    [DataRow("""{"id":5,"collaborators":{"active":{"person":"a@example.com"}}}""")]
    public async Task GetApp_WhenCollaboratorsHaveAnOddShape_ReadsWhatFitsWithoutThrowing(string json)
    {
        var app = await GetAppFrom(json);

        Assert.AreEqual(5, app.Id);
        Assert.IsNotNull(app.Collaborators);
        Assert.IsNull(app.Collaborators.Link);
        Assert.IsEmpty(app.Collaborators.Active);
    }

    [TestMethod]
    public async Task GetMe_WhenKeysLinkIsNotAString_ReadsTheGroups()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":1,"keys":{"link":{"href":"/api/v1/keys"},"ios":{"all":[]}}}"""));
        using var client = TestClients.Create(handler);

        var me = await client.GetMeAsync();

        Assert.IsNull(me.Keys!.Link);
        Assert.IsEmpty(me.Keys.Platforms["ios"]!.All);
    }

    [TestMethod]
    [DataRow("Android", "android")]
    [DataRow(" iOS ", "ios")]
    [DataRow("windows", "winphone")]
    [DataRow("wp8", null)]
    public void PlatformNormalize_HandlesCaseAndAliases(string input, string? expected) =>
        Assert.AreEqual(expected, PgbPlatforms.Normalize(input));

    [TestMethod]
    [DataRow("android", false, "apk")]
    [DataRow("ios", false, "ipa")]
    [DataRow("blackberry", false, "jad")]
    [DataRow("blackberry", true, "zip")]
    [DataRow("winphone", false, "xap")]
    public void ExtensionOf_GivesThePackageExtension(string platform, bool signed, string expected) =>
        Assert.AreEqual(expected, PgbPlatforms.ExtensionOf(platform, signed));
}
