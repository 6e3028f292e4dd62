using System.Formats.Tar;

namespace Pgb.Server.Tests;

[TestClass]
public sealed class AppTests
{
    private static readonly string[] AllPlatforms = ["android", "blackberry", "ios", "symbian", "webos", "winphone"];

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public async Task Create_FromZipWithDataPart_Returns201WithCreateShape(bool dataPartHasContentType)
    {
        await using var harness = await ServerHarness.StartAsync();
        var data = new StringContent("{\"title\":\"Zip App\",\"create_method\":\"file\",\"package\":\"com.example.zip\",\"version\":\"0.1.0\"}");
        if (!dataPartHasContentType)
        {
            data.Headers.ContentType = null;
        }

        var form = new MultipartFormDataContent { { ServerHarness.Bytes(Zips.App(configName: null)), "file", "app.zip" }, { data, "data" } };
        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", form));

        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        var app = answer.Object;
        Assert.AreEqual("Zip App", (string?)app["title"]);
        Assert.AreEqual("com.example.zip", (string?)app["package"]);
        Assert.AreEqual("0.1.0", (string?)app["version"]);
        Assert.IsNull(app["repo"]);
        Assert.AreEqual($"/api/v1/apps/{(int)app["id"]!}", (string?)app["link"]);
        Assert.IsInstanceOfType<JsonArray>(app["collaborators"]);
        Assert.AreEqual("dev@localhost", (string?)app["collaborators"]![0]!["person"]);
        foreach (var platform in AllPlatforms)
        {
            Assert.AreEqual("pending", (string?)app["status"]![platform], platform);
        }

        Assert.IsEmpty(app["download"]!.AsObject());
    }

    [TestMethod]
    public async Task Create_WithTitleOnlyInConfigXml_TakesTheNameFromConfigXml()
    {
        await using var harness = await ServerHarness.StartAsync();

        var app = await harness.CreateFileAppAsync(title: null, zip: Zips.App("Config Named"));

        Assert.AreEqual("Config Named", (string?)app["title"]);
        Assert.AreEqual("com.example.config.named", (string?)app["package"]);
        Assert.AreEqual("1.2.3", (string?)app["version"]);
    }

    [TestMethod]
    public async Task Create_WithFileAndNoDataAtAll_InfersFileMethodAndConfigTitle()
    {
        await using var harness = await ServerHarness.StartAsync();
        var form = new MultipartFormDataContent { { ServerHarness.Bytes(Zips.App("Bare Upload")), "file", "www.zip" } };

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", form));

        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        Assert.AreEqual("Bare Upload", (string?)answer.Object["title"]);
    }

    [TestMethod]
    public async Task Create_FromTarGz_ReadsConfigXml()
    {
        await using var harness = await ServerHarness.StartAsync();
        using var tarGz = new MemoryStream();
        using (var gzip = new GZipStream(tarGz, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "./config.xml")
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(Zips.ConfigXml("Tar App"))),
            };
            tar.WriteEntry(entry);
        }

        var app = await harness.CreateFileAppAsync(title: null, zip: tarGz.ToArray());

        Assert.AreEqual("Tar App", (string?)app["title"]);
    }

    [TestMethod]
    public async Task Create_WithFieldsAsSeparateParts_LikeThePgbApiLibrary_Returns201()
    {
        await using var harness = await ServerHarness.StartAsync();
        var form = new MultipartFormDataContent
        {
            { ServerHarness.Bytes(Zips.App(configName: null)), "file", "app.zip" },
            { new StringContent("Parts App"), "title" },
            { new StringContent("{\"android\":12}"), "keys" },
            { new StringContent("true"), "debug" },
        };

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", form));

        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        Assert.AreEqual("Parts App", (string?)answer.Object["title"]);
        Assert.IsTrue((bool?)answer.Object["debug"]);
        Assert.AreEqual(12, (int?)answer.Object["keys"]!["android"]!["id"]);
    }

    [TestMethod]
    public async Task Create_WithoutAnyTitle_Returns400WithJsonError()
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await AppUploads.CreateAsync(harness, "{\"create_method\":\"file\"}");
        var apps = await harness.GetAsync("/api/v1/apps");

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("title", answer.Error!);
        Assert.IsEmpty(apps.Object["apps"]!.AsArray());
    }

    [TestMethod]
    public async Task Create_WithNeitherFileNorRepo_Returns400()
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps",
            ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString("{\"title\":\"New App\"}"))));

        AnswerAssert.IsError(answer, HttpStatusCode.BadRequest, "Need either a repo url or a file");
    }

    [TestMethod]
    public async Task Create_RepoApp_WithUrlEncodedData_Returns201WithRepo()
    {
        await using var harness = await ServerHarness.StartAsync();
        var data = "{\"title\":\"API V1 App\",\"repo\":\"https://github.com/alunny/phonegap-start.git\",\"create_method\":\"remote_repo\"}";

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString(data))));

        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        Assert.AreEqual("https://github.com/alunny/phonegap-start.git", (string?)answer.Object["repo"]);
        Assert.AreEqual("pending", (string?)answer.Object["status"]!["android"]);
    }

    [TestMethod]
    public async Task Create_WithPrivateRepoUrl_Returns400WithTheSpecMessage()
    {
        await using var harness = await ServerHarness.StartAsync();
        var data = "{\"title\":\"API V1 App\",\"repo\":\"https://alunny@github.com/alunny/phonegap-start.git\",\"create_method\":\"remote_repo\"}";

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString(data))));

        AnswerAssert.IsError(answer, HttpStatusCode.BadRequest, "Private repository URLs not supported - try removing \"alunny@\"");
    }

    [TestMethod]
    public async Task Create_WithInvalidDataJson_Returns400()
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", ServerHarness.UrlEncoded("data=%7Bnot-json")));

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status);
        Assert.IsFalse(string.IsNullOrEmpty(answer.Error));
    }

    [TestMethod]
    public async Task GetApp_ReturnsTheDetailShape()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync("Detail App"))["id"]!;

        var app = (await harness.GetAsync($"/api/v1/apps/{id}")).Object;

        Assert.AreEqual(id, (int?)app["id"]);
        Assert.AreEqual("Detail App", (string?)app["title"]);
        Assert.AreEqual(1, (int?)app["build_count"]);
        Assert.AreEqual("2.9.0", (string?)app["phonegap_version"]);
        Assert.IsFalse((bool?)app["hydrates"]);
        Assert.IsTrue((bool?)app["private"]);
        Assert.AreEqual("admin", (string?)app["role"]);
        Assert.AreEqual($"/api/v1/apps/{id}/icon", (string?)app["icon"]!["link"]);
        Assert.IsTrue(app["keys"]!.AsObject().ContainsKey("ios"));
        var collaborators = app["collaborators"]!.AsObject();
        Assert.AreEqual("dev@localhost", (string?)collaborators["active"]![0]!["person"]);
        Assert.IsEmpty(collaborators["pending"]!.AsArray());
        Assert.HasCount(AllPlatforms.Length, app["status"]!.AsObject());
        Assert.IsInstanceOfType<JsonObject>(app["error"]);
    }

    [TestMethod]
    public async Task ListApps_ReturnsTheCallersAppsWithLinks()
    {
        await using var harness = await ServerHarness.StartAsync();
        await harness.CreateFileAppAsync("One");
        await harness.CreateFileAppAsync("Two");

        var answer = await harness.GetAsync("/api/v1/apps");
        var me = await harness.GetAsync("/api/v1");

        Assert.AreEqual("/api/v1/apps", (string?)answer.Object["link"]);
        CollectionAssert.AreEqual(new[] { "One", "Two" }, answer.Object["apps"]!.AsArray().Select(a => (string?)a!["title"]).ToArray());
        Assert.HasCount(2, me.Object["apps"]!["all"]!.AsArray());
    }

    [TestMethod]
    public async Task GetApp_WhenUnknown_Returns404NotAvailable()
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await harness.GetAsync("/api/v1/apps/4242");

        AnswerAssert.IsError(answer, HttpStatusCode.NotFound, "app #4242 not available");
    }

    [TestMethod]
    public async Task Update_Metadata_ChangesItAndQueuesEveryPlatform()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        await harness.WaitForBuildAsync(id, "android");

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/apps/{id}",
            ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString("{\"version\":\"0.2.0\"}"))));

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
        Assert.AreEqual("0.2.0", (string?)answer.Object["version"]);
        Assert.AreEqual(2, (int?)answer.Object["build_count"]);
        Assert.AreEqual("pending", (string?)answer.Object["status"]!["ios"]);
    }

    [TestMethod]
    public async Task Update_WithNewFile_ReplacesTheSource()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        var form = new MultipartFormDataContent { { ServerHarness.Bytes(Zips.App("Renamed By Config")), "file", "app.zip" } };

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/apps/{id}", form));

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
        Assert.AreEqual("Renamed By Config", (string?)answer.Object["title"]);
    }

    [TestMethod]
    public async Task Update_WithPullOnFileApp_Returns400NotRepoBacked()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/apps/{id}",
            ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString("{\"pull\":true}"))));

        AnswerAssert.IsError(answer, HttpStatusCode.BadRequest, $"app #{id} is not repo backed");
    }

    [TestMethod]
    [DataRow("{\"pull\":true}")]
    [DataRow("{\"pull\":\"true\"}")]
    public async Task Update_WithPullOnRepoApp_RebuildsEveryPlatform(string data)
    {
        await using var harness = await ServerHarness.StartAsync();
        var created = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString(
            "{\"title\":\"Repo\",\"repo\":\"https://github.com/phonegap/phonegap-start.git\",\"create_method\":\"remote_repo\"}"))));
        var id = (int)created.Object["id"]!;
        await harness.WaitForBuildAsync(id, "android");

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/apps/{id}", ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString(data))));

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
        Assert.AreEqual(2, (int?)answer.Object["build_count"]);
        Assert.AreEqual("pending", (string?)answer.Object["status"]!["android"]);
    }

    [TestMethod]
    public async Task Delete_App_Returns202ThenTheAppIsGone()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        var deleted = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Delete, $"/api/v1/apps/{id}"));
        var after = await harness.GetAsync($"/api/v1/apps/{id}");

        Assert.AreEqual(HttpStatusCode.Accepted, deleted.Status);
        Assert.AreEqual($"app {id} deleted", (string?)deleted.Object["success"]);
        Assert.AreEqual(HttpStatusCode.NotFound, after.Status);
    }

    [TestMethod]
    public async Task Icon_WhenNoneWasGiven_Returns404WithTheSpecMessage()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        var answer = await harness.GetAsync($"/api/v1/apps/{id}/icon");

        AnswerAssert.IsError(answer, HttpStatusCode.NotFound, $"No icon available for app #{id}");
    }

    [TestMethod]
    public async Task Icon_AfterUpload_Returns302ToStorageWithTheBytes()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 42];
        var icon = new ByteArrayContent(png);
        icon.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        var uploaded = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/icon", new MultipartFormDataContent { { icon, "icon", "icon.png" } }));
        var redirect = await harness.GetAsync($"/api/v1/apps/{id}/icon");
        var bytes = await harness.Http.GetByteArrayAsync(redirect.Location);

        Assert.AreEqual(HttpStatusCode.Created, uploaded.Status, uploaded.Body);
        Assert.AreEqual("icon.png", (string?)uploaded.Object["icon"]!["filename"]);
        Assert.AreEqual(HttpStatusCode.Found, redirect.Status);
        Assert.AreEqual(redirect.Location!.ToString(), (string?)redirect.Object["location"]);
        CollectionAssert.AreEqual(png, bytes);
    }

    [TestMethod]
    public async Task Icon_FromConfigXml_IsServed()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync(title: null, zip: Zips.App("Iconic", icon: "res/icon.png")))["id"]!;

        var redirect = await harness.GetAsync($"/api/v1/apps/{id}/icon");

        Assert.AreEqual(HttpStatusCode.Found, redirect.Status, redirect.Body);
        Assert.EndsWith("/icon.png", redirect.Location!.AbsolutePath);
    }
}
