namespace Pgb.Server.Tests;

[TestClass]
public sealed class BuildTests
{
    [TestMethod]
    public async Task Build_WhenQueued_Returns202ThenPendingThenComplete()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.BuildDuration = TimeSpan.FromMilliseconds(300));
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        await harness.WaitForBuildAsync(id, "android");

        var queued = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/build", new StringContent(string.Empty)));
        var finished = await harness.WaitForBuildAsync(id, "android");

        Assert.AreEqual(HttpStatusCode.Accepted, queued.Status, queued.Body);
        Assert.AreEqual("pending", (string?)queued.Object["status"]!["android"]);
        Assert.AreEqual(2, (int?)queued.Object["build_count"]);
        Assert.AreEqual("complete", (string?)finished["status"]!["android"]);
        Assert.AreEqual($"/api/v1/apps/{id}/android", (string?)finished["download"]!["android"]);
    }

    [TestMethod]
    public async Task Build_WithPlatformsAsString_RequeuesOnlyThosePlatforms()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.BuildDuration = TimeSpan.FromMilliseconds(100));
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        await harness.WaitForBuildAsync(id, "android");
        harness.Server.Simulation.BuildDuration = TimeSpan.FromMinutes(10);

        var queued = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/build",
            ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString("{\"platforms\":\"android,windows\"}"))));

        Assert.AreEqual(HttpStatusCode.Accepted, queued.Status, queued.Body);
        var status = queued.Object["status"]!;
        Assert.AreEqual("pending", (string?)status["android"]);
        Assert.AreEqual("pending", (string?)status["winphone"]);
        Assert.AreEqual("complete", (string?)status["ios"]);
    }

    [TestMethod]
    public async Task Build_OfOnePlatformByUrl_Returns202AndLeavesOthersAlone()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.BuildDuration = TimeSpan.FromMilliseconds(100));
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        await harness.WaitForBuildAsync(id, "android");
        harness.Server.Simulation.BuildDuration = TimeSpan.FromMinutes(10);

        var queued = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/build/ios", new StringContent(string.Empty)));

        Assert.AreEqual(HttpStatusCode.Accepted, queued.Status, queued.Body);
        Assert.AreEqual("pending", (string?)queued.Object["status"]!["ios"]);
        Assert.AreEqual("complete", (string?)queued.Object["status"]!["android"]);
    }

    [TestMethod]
    public async Task Build_WithUnknownPlatform_Returns400()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/build/palmos", new StringContent(string.Empty)));

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status);
        Assert.IsFalse(string.IsNullOrEmpty(answer.Error));
    }

    [TestMethod]
    public async Task Build_OfFailingPlatform_EndsInErrorWithTheMessage()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.FailingPlatforms["ios"] = "Keystore was tampered with, or password was incorrect");
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        var app = await harness.WaitForBuildAsync(id, "ios");
        await harness.WaitForBuildAsync(id, "android");
        var download = await harness.GetAsync($"/api/v1/apps/{id}/ios");

        Assert.AreEqual("error", (string?)app["status"]!["ios"]);
        Assert.AreEqual("Keystore was tampered with, or password was incorrect", (string?)app["error"]!["ios"]);
        Assert.IsFalse(app["download"]!.AsObject().ContainsKey("ios"));
        Assert.AreEqual(HttpStatusCode.NotFound, download.Status);
        Assert.IsNull(harness.Server.GetArtifact(id, "ios"));
    }

    [TestMethod]
    public async Task Simulation_FailPlatformAtRunTime_AffectsLaterBuildsOnly()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        Assert.AreEqual("complete", (string?)(await harness.WaitForBuildAsync(id, "android"))["status"]!["android"]);

        harness.Server.Simulation.FailPlatform("android", "simulated failure");
        await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/build/android", new StringContent(string.Empty)));
        var failed = await harness.WaitForBuildAsync(id, "android");
        harness.Server.Simulation.ClearFailures();
        await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/build/android", new StringContent(string.Empty)));
        var fixedAgain = await harness.WaitForBuildAsync(id, "android");

        Assert.AreEqual("simulated failure", (string?)failed["error"]!["android"]);
        Assert.AreEqual("complete", (string?)fixedAgain["status"]!["android"]);
    }

    [TestMethod]
    public async Task Download_WhenBuildComplete_Returns302WithJsonLocation()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync("My App!"))["id"]!;
        await harness.WaitForBuildAsync(id, "android");

        var answer = await harness.GetAsync($"/api/v1/apps/{id}/android");

        Assert.AreEqual(HttpStatusCode.Found, answer.Status, answer.Body);
        Assert.IsNotNull(answer.Location);
        Assert.AreEqual(answer.Location.ToString(), (string?)answer.Object["location"]);
        Assert.AreEqual(harness.Server.BaseUri.Authority, answer.Location.Authority);
        Assert.StartsWith("/storage/", answer.Location.AbsolutePath);
        Assert.EndsWith("/My-App-android.apk", answer.Location.AbsolutePath);
        Assert.DoesNotContain("auth_token", answer.Location.ToString());
    }

    [TestMethod]
    public async Task Download_FromStorageWithoutCredentials_ReturnsExactlyTheArtifact()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        await harness.WaitForBuildAsync(id, "ios");
        var redirect = await harness.GetAsync($"/api/v1/apps/{id}/ios");

        using var storage = await harness.Http.GetAsync(redirect.Location); // no Authorization header
        var bytes = await storage.Content.ReadAsByteArrayAsync();

        Assert.AreEqual(HttpStatusCode.OK, storage.StatusCode);
        Assert.EndsWith(".ipa", redirect.Location!.AbsolutePath);
        CollectionAssert.AreEqual(harness.Server.GetArtifact(id, "ios"), bytes);
    }

    [TestMethod]
    public async Task Artifact_IsAZipWithABuildManifest()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync("Manifest App"))["id"]!;
        await harness.WaitForBuildAsync(id, "winphone");

        var artifact = harness.Server.GetArtifact(id, "windows");

        Assert.IsNotNull(artifact);
        using var zip = new ZipArchive(new MemoryStream(artifact), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry("pgb-build.json")!.Open());
        var manifest = JsonNode.Parse(await reader.ReadToEndAsync())!;
        Assert.AreEqual(id, (int?)manifest["appId"]);
        Assert.AreEqual("Manifest App", (string?)manifest["title"]);
        Assert.AreEqual("winphone", (string?)manifest["platform"]);
        Assert.AreEqual(1, (int?)manifest["buildNumber"]);
        Assert.AreEqual(64, ((string?)manifest["sourceSha256"])!.Length);
    }

    [TestMethod]
    public async Task Artifact_ForTheSameInputs_HasTheSameBytes()
    {
        await using var first = await ServerHarness.StartAsync();
        await using var second = await ServerHarness.StartAsync();
        var zip = Zips.App("Same");
        var a = (int)(await first.CreateFileAppAsync(null, zip))["id"]!;
        var b = (int)(await second.CreateFileAppAsync(null, zip))["id"]!;
        await first.WaitForBuildAsync(a, "android");
        await second.WaitForBuildAsync(b, "android");

        CollectionAssert.AreEqual(first.Server.GetArtifact(a, "android"), second.Server.GetArtifact(b, "android"));
    }

    [TestMethod]
    public async Task Download_WhenBuildNotComplete_Returns404WithTheSpecMessage()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.BuildDuration = TimeSpan.FromMinutes(10));
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        var answer = await harness.GetAsync($"/api/v1/apps/{id}/android");

        AnswerAssert.IsError(answer, HttpStatusCode.NotFound, $"app #{id} download unavailable for android");
        Assert.IsNull(harness.Server.GetArtifact(id, "android"));
    }

    [TestMethod]
    public async Task Status_ReportsCompletedOnceNothingIsPending()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.FailingPlatforms["webos"] = "invalid widget archive");
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonObject status;
        do
        {
            status = (await harness.GetAsync($"/api/v1/apps/{id}/status")).Object;
            await Task.Delay(50);
        }
        while (!(bool)status["completed"]! && DateTime.UtcNow < deadline);

        Assert.IsTrue((bool?)status["completed"]);
        Assert.AreEqual("complete", (string?)status["status"]!["android"]);
        Assert.AreEqual("invalid widget archive", (string?)status["error"]!["webos"]);
    }

    /// <summary>The service took such uploads and failed every build with "invalid widget archive"; this server refuses
    /// them at once, saying so, and nothing is created.</summary>
    [TestMethod]
    [DataRow(new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0, 1, 2, 3 }, "invalid widget archive: the zip cannot be read: ")]
    [DataRow(new byte[] { 0x1f, 0x8b, 8, 0, 1, 2, 3 }, "invalid widget archive: the tar.gz cannot be read: ")]
    [DataRow(new byte[] { 0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00 }, "unsupported upload: send a zip, a tar.gz or an index.html (this file starts with 0x526172211a0700)")]
    [DataRow(new byte[0], "the uploaded file is empty: send a zip, a tar.gz or an index.html")]
    public async Task Create_WithACorruptOrUnsupportedUpload_Is400SayingWhat_AndCreatesNothing(byte[] upload, string message)
    {
        await using var harness = await ServerHarness.StartAsync();
        var form = new MultipartFormDataContent
        {
            { ServerHarness.Bytes(upload), "file", "app.zip" },
            { new StringContent("{\"title\":\"Corrupt\",\"create_method\":\"file\"}"), "data" },
        };

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", form));

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status, answer.Body);
        StringAssert.StartsWith(answer.Error, message);
        Assert.IsEmpty((await harness.GetAsync("/api/v1/apps")).Object["apps"]!.AsArray());
    }

    [TestMethod]
    public async Task Update_WithACorruptUpload_Is400_AndTheAppKeepsItsSource()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync("Kept"))["id"]!;
        await harness.WaitForBuildAsync(id, "android");
        var before = harness.Server.GetArtifact(id, "android");

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/apps/{id}",
            new MultipartFormDataContent { { ServerHarness.Bytes([(byte)'P', (byte)'K', 3, 4, 0]), "file", "app.zip" } }));

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status, answer.Body);
        StringAssert.StartsWith(answer.Error, "invalid widget archive: the zip cannot be read: ");
        CollectionAssert.AreEqual(before, harness.Server.GetArtifact(id, "android"), "nothing was queued again");
    }
}
