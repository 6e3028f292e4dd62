namespace Pgb.Server.Tests;

[TestClass]
public sealed class V0Tests
{
    [TestMethod]
    public async Task V0_CreateWithRepo_AnswersTheFlatV0Shape()
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v0/apps", ServerHarness.UrlEncoded(
            "data=" + Uri.EscapeDataString("{\"title\":\"New App\",\"repo\":\"http://github.com/alunny/phonegap-start.git\"}"))));

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
        Assert.AreEqual("http://github.com/alunny/phonegap-start.git", (string?)answer.Object["repo_url"]);
        Assert.AreEqual("pending", (string?)answer.Object["android_status"]);
        Assert.AreEqual(1, (int?)answer.Object["person_id"]);
    }

    [TestMethod]
    public async Task V0_ListApps_ReturnsAnArrayOfApps()
    {
        await using var harness = await ServerHarness.StartAsync();
        await harness.CreateFileAppAsync("Listed In V0");

        var answer = await harness.GetAsync("/api/v0/apps");

        var apps = JsonNode.Parse(answer.Body)!.AsArray();
        Assert.HasCount(1, apps);
        Assert.AreEqual("Listed In V0", (string?)apps[0]!["title"]);
    }

    [TestMethod]
    public async Task V0_PushOnFileApp_Returns400NotRepoBacked()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v0/apps/{id}/push", ServerHarness.UrlEncoded("data=dummy")));

        AnswerAssert.IsError(answer, HttpStatusCode.BadRequest, $"app #{id} is not repo backed");
    }

    [TestMethod]
    public async Task V0_SetIcon_AnswersTheFlatV0Shape()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        var icon = new ByteArrayContent([0x89, (byte)'P', (byte)'N', (byte)'G', 7]);
        icon.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        // The v0 documentation's example: curl -F file=@icon.png .../api/v0/apps/56/icon answers the app with "icon":"icon.png".
        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v0/apps/{id}/icon",
            new MultipartFormDataContent { { icon, "file", "icon.png" } }));

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
        Assert.AreEqual("icon.png", (string?)answer.Object["icon"]);
        Assert.AreEqual(id, (int?)answer.Object["id"]);
        Assert.AreEqual("pending", (string?)answer.Object["android_status"]);
    }

    [TestMethod]
    public async Task V0_GetIcon_AnswersTheIconFileItself()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync(title: null, zip: Zips.App("Iconic", icon: "res/icon.png")))["id"]!;
        var plain = (int)(await harness.CreateFileAppAsync())["id"]!;

        // The v0 documentation's example saves the answer as the png (curl ... /icon > icon.png, no -L): no redirect here, unlike v1.
        using var response = await harness.Http.SendAsync(ServerHarness.Authorized(HttpMethod.Get, $"/api/v0/apps/{id}/icon"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var missing = await harness.GetAsync($"/api/v0/apps/{plain}/icon");

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("image/png", response.Content.Headers.ContentType?.MediaType);
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3 }, bytes);
        AnswerAssert.IsError(missing, HttpStatusCode.NotFound, $"No icon available for app #{plain}");
    }

    [TestMethod]
    public async Task V0_Delete_AnswersDestroyed()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Delete, $"/api/v0/apps/{id}"));

        Assert.AreEqual(HttpStatusCode.OK, answer.Status);
        Assert.AreEqual($"app #{id} destroyed", (string?)answer.Object["success"]);
    }
}
