namespace Pgb.Server.Tests;

/// <summary>Stored objects (sources, icons, packages) live exactly as long as the app version that refers to them
/// (docs/server.md, "Downloads" and "Persistence"): a replaced one stops being served, a refused request stores nothing.</summary>
[TestClass]
public sealed class BlobLifecycleTests
{
    [TestMethod]
    public async Task Rebuild_RetiresTheReplacedBuildsPackageLink()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.BuildDuration = TimeSpan.Zero);
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        var first = await harness.GetAsync($"/api/v1/apps/{id}/android");
        Assert.AreEqual(HttpStatusCode.Found, first.Status, first.Body);

        await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/build/android", new StringContent(string.Empty)));
        var second = await harness.GetAsync($"/api/v1/apps/{id}/android");

        Assert.AreEqual(HttpStatusCode.NotFound, await StatusOfAsync(harness, first.Location!));
        Assert.AreNotEqual(first.Location, second.Location);
        Assert.AreEqual(HttpStatusCode.OK, await StatusOfAsync(harness, second.Location!));
    }

    [TestMethod]
    public async Task SetIcon_Again_RetiresTheOldIconLink()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        await UploadIconAsync(harness, id, [1, 2, 3]);
        var before = (await harness.GetAsync($"/api/v1/apps/{id}/icon")).Location!;

        await UploadIconAsync(harness, id, [4, 5, 6]);
        var after = (await harness.GetAsync($"/api/v1/apps/{id}/icon")).Location!;

        Assert.AreEqual(HttpStatusCode.NotFound, await StatusOfAsync(harness, before));
        CollectionAssert.AreEqual(new byte[] { 4, 5, 6 }, await harness.Http.GetByteArrayAsync(after));
    }

    [TestMethod]
    public async Task Update_WithANewSource_KeepsOnlyTheNewUpload()
    {
        using var dir = new TempDirectory();
        await using var harness = await ServerHarness.StartAsync(o => o.DataDirectory = dir.Path);
        var id = (int)(await harness.CreateFileAppAsync(zip: Zips.App("First")))["id"]!;
        var upload = Zips.App("Second");

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/apps/{id}",
            new MultipartFormDataContent { { ServerHarness.Bytes(upload), "file", "app.zip" } }));

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
        var sources = Directory.GetFiles(dir.Combine("blobs", "source"));
        Assert.HasCount(1, sources);
        CollectionAssert.AreEqual(upload, File.ReadAllBytes(sources[0]));
    }

    [TestMethod]
    public async Task Create_Refused_StoresNothing()
    {
        using var dir = new TempDirectory();
        await using var harness = await ServerHarness.StartAsync(o => o.DataDirectory = dir.Path);

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps",
            new MultipartFormDataContent { { ServerHarness.Bytes(Zips.App(configName: null, icon: "icon.png")), "file", "app.zip" } }));

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status, answer.Body);
        Assert.IsEmpty(Directory.GetFiles(dir.Combine("blobs"), "*", SearchOption.AllDirectories));
        Assert.IsEmpty(Directory.GetFiles(dir.Combine("apps")));
    }

    private static async Task UploadIconAsync(ServerHarness harness, int id, byte[] png)
    {
        var part = new ByteArrayContent(png);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/icon",
            new MultipartFormDataContent { { part, "icon", "icon.png" } }));
        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
    }

    private static async Task<HttpStatusCode> StatusOfAsync(ServerHarness harness, Uri location)
    {
        using var response = await harness.Http.GetAsync(location);
        return response.StatusCode;
    }
}
