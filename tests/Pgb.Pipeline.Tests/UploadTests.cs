using System.Net;

namespace Pgb.Pipeline.Tests;

[TestClass]
public sealed class UploadTests
{
    private static PgbUploadRequest CreateRequest(TempDirectory temp) => new()
    {
        CreateApp = true,
        AppIdFile = temp.Combine("obj", "pgb", "app-id.txt"),
        Title = "Demo",
        ArchivePath = temp.WriteFile("app.zip", "zip-bytes"),
    };

    [TestMethod]
    public async Task Upload_WithCreateApp_CreatesTheAppAndRemembersItsId()
    {
        using var temp = new TempDirectory();
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.Created, """{"id":42,"title":"Demo","collaborators":[]}"""));
        using var client = PipelineFactory.CreateClient(handler);
        var request = CreateRequest(temp);

        var app = await PipelineFactory.CreatePipeline(client).UploadAsync(request);

        Assert.AreEqual(42, app.Id);
        var post = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Post, post.Method);
        Assert.AreEqual("/api/v1/apps", post.Uri.AbsolutePath);
        CollectionAssert.AreEqual(new[] { "data", "file" }, post.Parts.Select(p => p.Name).ToArray());
        Assert.AreEqual("42", (await File.ReadAllTextAsync(request.AppIdFile!)).Trim());
        CollectionAssert.AreEqual(new[] { "app.zip", "obj/pgb/app-id.txt" }, temp.ListFiles().ToArray());
    }

    [TestMethod]
    public async Task Upload_SecondTimeWithRememberedId_UpdatesThatAppInsteadOfCreating()
    {
        using var temp = new TempDirectory();
        var handler = new FakeHandler()
            .Enqueue(FakeHandler.Json(HttpStatusCode.Created, """{"id":42,"title":"Demo"}"""))
            .Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":42,"title":"Demo"}"""));
        using var client = PipelineFactory.CreateClient(handler);
        var pipeline = PipelineFactory.CreatePipeline(client);

        await pipeline.UploadAsync(CreateRequest(temp));
        var app = await pipeline.UploadAsync(CreateRequest(temp));

        Assert.AreEqual(42, app.Id);
        Assert.HasCount(2, handler.Requests);
        var put = handler.Requests[1];
        Assert.AreEqual(HttpMethod.Put, put.Method);
        Assert.AreEqual("/api/v1/apps/42", put.Uri.AbsolutePath);
        Assert.AreEqual("file", put.Parts.Single().Name);
        Assert.AreEqual("zip-bytes", put.Parts.Single().BodyText);
    }

    [TestMethod]
    public async Task Upload_WhenRememberedAppIsGone_CreatesANewAppAndRemembersTheNewId()
    {
        using var temp = new TempDirectory();
        var request = CreateRequest(temp);
        temp.WriteFile("obj/pgb/app-id.txt", "42\n");
        var handler = new FakeHandler()
            .Enqueue(FakeHandler.Json(HttpStatusCode.NotFound, """{"error":"app not found"}"""))
            .Enqueue(FakeHandler.Json(HttpStatusCode.Created, """{"id":43,"title":"Demo"}"""));
        using var client = PipelineFactory.CreateClient(handler);
        var progress = new RecordingProgress();

        var app = await PipelineFactory.CreatePipeline(client).UploadAsync(request, progress);

        Assert.AreEqual(43, app.Id);
        CollectionAssert.AreEqual(new[] { "PUT /api/v1/apps/42", "POST /api/v1/apps" },
            handler.Requests.Select(r => r.Method + " " + r.Uri.AbsolutePath).ToArray());
        Assert.AreEqual("43", (await File.ReadAllTextAsync(request.AppIdFile!)).Trim());
        Assert.IsTrue(progress.Messages.Any(m => m.Contains("#42 no longer exists", StringComparison.Ordinal)), string.Join(" | ", progress.Messages));
    }

    [TestMethod]
    public async Task Upload_WhenExplicitAppIdIs404_FailsWithPGB2404InsteadOfCreating()
    {
        using var temp = new TempDirectory();
        var request = CreateRequest(temp);
        request.AppId = 42;
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.NotFound, """{"error":"app not found"}"""));
        using var client = PipelineFactory.CreateClient(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(() => PipelineFactory.CreatePipeline(client).UploadAsync(request));

        Assert.AreEqual(PgbErrorCodes.NotFound, ex.Code);
        Assert.HasCount(1, handler.Requests);
        Assert.IsFalse(File.Exists(request.AppIdFile));
    }

    [TestMethod]
    public async Task Upload_WithoutAppIdOrCreateApp_FailsWithPGB1006AndSendsNothing()
    {
        using var temp = new TempDirectory();
        var request = CreateRequest(temp);
        request.CreateApp = false;
        var handler = new FakeHandler();
        using var client = PipelineFactory.CreateClient(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(() => PipelineFactory.CreatePipeline(client).UploadAsync(request));

        Assert.AreEqual(PgbErrorCodes.NoAppToUpdate, ex.Code);
        Assert.IsEmpty(handler.Requests);
    }

    [TestMethod]
    public async Task Upload_WithRepoUrlAndAppId_PullsInsteadOfUploading()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":9,"repo":"https://example.com/r.git"}"""));
        using var client = PipelineFactory.CreateClient(handler);

        var app = await PipelineFactory.CreatePipeline(client).UploadAsync(new PgbUploadRequest { AppId = 9, RepoUrl = "https://example.com/r.git" });

        Assert.AreEqual(9, app.Id);
        var put = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Put, put.Method);
        Assert.AreEqual("/api/v1/apps/9", put.Uri.AbsolutePath);
        Assert.AreEqual("""{"pull":true}""", put.FormFields["data"]);
    }
}
