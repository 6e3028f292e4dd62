namespace Pgb.Client.Tests;

[TestClass]
public sealed class RequestBodyTests
{
    [TestMethod]
    public async Task CreateAppFromFile_SendsMultipartWithDataPartWithoutContentTypeAndFilePartWithContentLength()
    {
        using var temp = new TempDirectory();
        var archive = temp.WriteFile("app.zip", "PK-fake-zip-bytes");
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.Created, """{"id":7,"title":"Demo","collaborators":[]}"""));
        using var client = TestClients.Create(handler);

        var app = await client.CreateAppFromFileAsync(new PgbAppCreateOptions { Title = "Demo" }, archive);

        Assert.AreEqual(7, app.Id);
        var request = handler.Requests.Single();
        MultipartAssert.IsUpload(request, HttpMethod.Post, "/api/v1/apps");
        Assert.HasCount(2, request.Parts);
        var json = MultipartAssert.DataPart(request);
        Assert.AreEqual("Demo", (string?)json["title"]);
        Assert.AreEqual("file", (string?)json["create_method"]);
        Assert.IsFalse(json.ContainsKey("repo"), "unset fields are not sent");
        MultipartAssert.FilePart(request.Parts[1], "file", "app.zip", "application/zip", "PK-fake-zip-bytes");
    }

    [TestMethod]
    public async Task UpdateAppFile_SendsPutMultipartWithOnlyAFilePart()
    {
        using var temp = new TempDirectory();
        var archive = temp.WriteFile("app.zip", "new-zip");
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":7}"""));
        using var client = TestClients.Create(handler);

        await client.UpdateAppFileAsync(7, archive);

        var request = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Put, request.Method);
        Assert.AreEqual("/api/v1/apps/7", request.Uri.AbsolutePath);
        Assert.AreEqual("file", request.Parts.Single().Name);
        Assert.AreEqual("new-zip", request.Parts.Single().BodyText);
        Assert.AreEqual((long)request.Body.Length, request.ContentLength, $"announced {request.ContentLength}, body {request.Body.Length}: {request.BodyText}");
    }

    [TestMethod]
    public async Task QueueBuild_SendsUrlEncodedDataWithPlatformsArray()
    {
        var handler = new FakeHandler().Enqueue(new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent("") });
        using var client = TestClients.Create(handler);

        await client.QueueBuildAsync(7, ["android", "ios"]);

        var request = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Post, request.Method);
        Assert.AreEqual("/api/v1/apps/7/build", request.Uri.AbsolutePath);
        StringAssert.StartsWith(request.Header("Content-Type"), "application/x-www-form-urlencoded");
        Assert.AreEqual("""{"platforms":["android","ios"]}""", request.FormFields["data"]);
    }

    [TestMethod]
    public async Task QueueBuild_WithoutPlatforms_SendsEmptyBodyWithZeroContentLength()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.Accepted, "{}"));
        using var client = TestClients.Create(handler);

        await client.QueueBuildAsync(7);

        var request = handler.Requests.Single();
        Assert.AreEqual(0L, request.ContentLength);
        Assert.IsEmpty(request.Body);
    }

    [TestMethod]
    public async Task PullApp_SendsPutWithUrlEncodedDataPullTrue()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":7,"repo":"https://example.com/r.git"}"""));
        using var client = TestClients.Create(handler);

        await client.PullAppAsync(7);

        var request = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Put, request.Method);
        Assert.AreEqual("/api/v1/apps/7", request.Uri.AbsolutePath);
        StringAssert.StartsWith(request.Header("Content-Type"), "application/x-www-form-urlencoded");
        Assert.AreEqual("""{"pull":true}""", request.FormFields["data"]);
    }

    [TestMethod]
    public async Task CreateAppFromRepo_SendsUrlEncodedDataWithRemoteRepoMethod()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.Created, """{"id":8}"""));
        using var client = TestClients.Create(handler);

        await client.CreateAppFromRepoAsync(new PgbAppCreateOptions { Title = "R", Repo = "https://example.com/r.git" });

        var data = JObject.Parse(handler.Requests.Single().FormFields["data"]!);
        Assert.AreEqual("remote_repo", (string?)data["create_method"]);
        Assert.AreEqual("https://example.com/r.git", (string?)data["repo"]);
    }

    [TestMethod]
    public async Task CreateApp_DoesNotChangeTheCallersOptions()
    {
        // The create method follows from what is sent; writing it back into the caller's object made a
        // later repo create with the same options send create_method=file.
        using var temp = new TempDirectory();
        var archive = temp.WriteFile("app.zip", "zip");
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.Created, """{"id":7}"""));
        using var client = TestClients.Create(handler);
        var options = new PgbAppCreateOptions { Title = "Demo", Repo = "https://example.com/r.git" };

        await client.CreateAppFromFileAsync(options, archive);
        await client.CreateAppFromRepoAsync(options);

        Assert.IsNull(options.CreateMethod);
        Assert.AreEqual("file", (string?)JObject.Parse(handler.Requests[0].Parts[0].BodyText)["create_method"]);
        Assert.AreEqual("remote_repo", (string?)JObject.Parse(handler.Requests[1].FormFields["data"]!)["create_method"]);
    }

    [TestMethod]
    public async Task CreateApp_WithAnExplicitCreateMethod_SendsIt()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.Created, """{"id":8}"""));
        using var client = TestClients.Create(handler);

        await client.CreateAppFromRepoAsync(new PgbAppCreateOptions { Title = "R", Repo = "https://example.com/r.git", CreateMethod = "remote_repo" });

        Assert.AreEqual("remote_repo", (string?)JObject.Parse(handler.Requests.Single().FormFields["data"]!)["create_method"]);
    }
}
