namespace Pgb.Build.Tasks.Tests;

[TestClass]
public sealed class TaskBehaviorTests : TaskTestBase
{
    private const string CompleteApp = """
        {"id":7,"title":"T","version":"1.2.3","status":{"android":"complete","ios":"complete"},
         "download":{"android":"/api/v1/apps/7/android","ios":"/api/v1/apps/7/ios"},"error":{},"keys":{"ios":null,"android":null}}
        """;

    [TestMethod]
    public void Download_WritesFilesItemsAndAManifestThatReadArtifactsGivesBack()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var handler = new FakeHandler(request => request.Uri.AbsolutePath switch
        {
            "/api/v1/apps/7" => FakeHandler.Json(HttpStatusCode.OK, CompleteApp),
            "/api/v1/apps/7/android" => FakeHandler.Json(HttpStatusCode.Found, """{"location":"http://127.0.0.1:1/storage/a/app.apk"}"""),
            "/api/v1/apps/7/ios" => FakeHandler.Json(HttpStatusCode.Found, """{"location":"http://127.0.0.1:1/storage/b/app.ipa"}"""),
            var path when path.StartsWith("/storage/", StringComparison.Ordinal) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(ZipMagic + path)) },
            _ => FakeHandler.Json(HttpStatusCode.NotFound, """{"error":"nope"}"""),
        });
        var engine = new MockEngine();
        var manifest = Path.Combine(Temp, "obj", "artifacts.tsv");
        var task = OnFakeServer(new PgbDownload { AppId = "7", Platforms = "android;ios", OutputDirectory = Path.Combine(Temp, "out"), ArtifactName = "MyApp", ManifestFile = manifest }, engine, handler);

        Assert.IsTrue(task.Execute(), engine.AllText());

        Assert.HasCount(2, task.Artifacts);
        AssertArtifact(task.Artifacts[0], "android", Path.Combine(Temp, "out", "MyApp-android.apk"), ZipMagic + "/storage/a/app.apk");
        AssertArtifact(task.Artifacts[1], "ios", Path.Combine(Temp, "out", "MyApp-ios.ipa"), ZipMagic + "/storage/b/app.ipa");
        Assert.IsFalse(handler.Requests.Any(r => r.Line.StartsWith("GET /storage/", StringComparison.Ordinal) && r.Line.Contains("auth_token")), "storage must not see the token");

        var reader = new PgbReadArtifacts { BuildEngine = new MockEngine(), ProjectFile = UserProject, ManifestFile = manifest };
        Assert.IsTrue(reader.Execute());
        CollectionAssert.AreEqual(task.Artifacts.Select(Describe).ToList(), reader.Artifacts.Select(Describe).ToList());
    }

    [TestMethod]
    public void ReadArtifacts_WhenTheManifestIsMissing_GivesNoItemsAndNoError()
    {
        var engine = new MockEngine();
        var reader = new PgbReadArtifacts { BuildEngine = engine, ProjectFile = UserProject, ManifestFile = Path.Combine(Temp, "none.tsv") };

        Assert.IsTrue(reader.Execute());

        Assert.IsEmpty(reader.Artifacts);
        Assert.IsEmpty(engine.Errors);
    }

    [TestMethod]
    public void ReadArtifacts_WithLogArtifacts_LogsEachPackagesPlatformAndPathAtHighImportance()
    {
        var manifest = Path.Combine(Temp, "artifacts.tsv");
        var apk = Path.Combine(Temp, "out", "MyApp-android.apk");
        var ipa = Path.Combine(Temp, "out", "MyApp-ios.ipa");
        ArtifactManifest.Write(manifest, [new("android", apk, 7, "1.0.0", 10, "aa"), new("ios", ipa, 7, "1.0.0", 20, "bb")]);
        var engine = new MockEngine();
        var reader = new PgbReadArtifacts { BuildEngine = engine, ProjectFile = UserProject, ManifestFile = manifest, LogArtifacts = true };

        Assert.IsTrue(reader.Execute(), engine.AllText());

        var lines = engine.Messages.Where(m => m.Importance == MessageImportance.High).Select(m => m.Message).ToList();
        CollectionAssert.AreEqual(new[] { $"PhoneGap Build: android -> {apk}", $"PhoneGap Build: ios -> {ipa}" }, lines, engine.AllText());
    }

    [TestMethod]
    public async Task WaitForBuild_WhenCanceled_StopsPollingAndLogsPGB0001()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var polled = new TaskCompletionSource();
        var handler = new FakeHandler(_ =>
        {
            polled.TrySetResult();
            return FakeHandler.Json(HttpStatusCode.OK, """{"id":7,"status":{"android":"pending"}}""");
        });
        var engine = new MockEngine();
        var task = OnFakeServer(new PgbWaitForBuild { AppId = "7", Platforms = "android", TimeoutSeconds = "600", PollIntervalSeconds = "30" }, engine, handler);

        var execution = Task.Run(task.Execute);
        await polled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        task.Cancel();
        var result = await execution.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsFalse(result);
        AssertSingleError(engine, "PGB0001");
    }

    [TestMethod]
    public void WaitForBuild_WhenAPlatformFails_LogsPGB3001WithTheServersMessage()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.OK,
            """{"id":7,"status":{"android":"complete","ios":"error"},"error":{"ios":"Provisioning profile expired"}}"""));
        var engine = new MockEngine();
        var task = OnFakeServer(new PgbWaitForBuild { AppId = "7", Platforms = "android;ios", PollIntervalSeconds = "0.01" }, engine, handler);

        Assert.IsFalse(task.Execute());

        AssertSingleError(engine, "PGB3001");
        StringAssert.Contains(engine.Errors[0].Message, "Provisioning profile expired");
    }

    [TestMethod]
    [DataRow(401, "PGB2401")]
    [DataRow(404, "PGB2404")]
    [DataRow(500, "PGB2500")]
    public void Download_WhenReadingTheAppFails_LogsTheServerCodeNotAnUnexpectedError(int status, string code)
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var handler = new FakeHandler(_ => FakeHandler.Json((HttpStatusCode)status, """{"error":"the server says no"}"""));
        var engine = new MockEngine();
        var task = OnFakeServer(new PgbDownload { AppId = "7", Platforms = "android", OutputDirectory = Path.Combine(Temp, "out"), ArtifactName = "MyApp" }, engine, handler, NoRetries);

        Assert.IsFalse(task.Execute());

        AssertSingleError(engine, code);
        StringAssert.Contains(engine.Errors[0].Message, "the server says no");
    }

    /// <summary>How a zip starts: the packages must, or the download refuses them.</summary>
    private const string ZipMagic = "PK\u0003\u0004";

    private static void AssertArtifact(ITaskItem item, string platform, string path, string content)
    {
        Assert.AreEqual(path, item.ItemSpec);
        Assert.AreEqual(platform, item.GetMetadata("Platform"));
        Assert.AreEqual("7", item.GetMetadata("AppId"));
        Assert.AreEqual("1.2.3", item.GetMetadata("Version"));
        Assert.AreEqual(content, File.ReadAllText(path));
    }

    private static string Describe(ITaskItem item) =>
        string.Join("|", item.ItemSpec, item.GetMetadata("Platform"), item.GetMetadata("AppId"), item.GetMetadata("Version"), item.GetMetadata("Length"), item.GetMetadata("Sha256"));
}
