namespace Pgb.Build.Tasks.Tests;

/// <summary><c>PgbIcon</c> (uploaded when it changed) and the metadata of <c>@(PgbArtifact)</c> a later target reads.</summary>
[TestClass]
public sealed class IconAndArtifactMetadataTests : TaskTestBase
{
    private const string App = """{"id":7,"title":"My App","icon":{"filename":"icon.png","link":"/api/v1/apps/7/icon"}}""";

    private PgbSetIcon IconTask(MockEngine engine, FakeHandler handler, string icon, string appId = "7") =>
        OnFakeServer(new PgbSetIcon { AppId = appId, Icon = icon, StateFile = Path.Combine(Temp, "obj", "pgb", "icon.txt") }, engine, handler, NoRetries);

    [TestMethod]
    public void SetIcon_UploadsOnce_SkipsAnUnchangedIcon_AndUploadsAChangedOneOrToAnotherApp()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var icon = Path.Combine(Temp, "icon.png");
        File.WriteAllText(icon, "png one");
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.Created, App));

        var first = IconTask(new MockEngine(), handler, icon);
        Assert.IsTrue(first.Execute());
        var again = IconTask(new MockEngine(), handler, icon);
        Assert.IsTrue(again.Execute());
        File.WriteAllText(icon, "png two");
        var changed = IconTask(new MockEngine(), handler, icon);
        Assert.IsTrue(changed.Execute());
        var otherApp = IconTask(new MockEngine(), handler, icon, appId: "8");
        Assert.IsTrue(otherApp.Execute());

        Assert.IsTrue(first.Uploaded);
        Assert.IsFalse(again.Uploaded, "an unchanged icon is not sent again (the service would rebuild the app)");
        Assert.IsTrue(changed.Uploaded);
        Assert.IsTrue(otherApp.Uploaded);
        CollectionAssert.AreEqual(
            new[] { "POST /api/v1/apps/7/icon", "POST /api/v1/apps/7/icon", "POST /api/v1/apps/8/icon" },
            handler.Requests.Select(r => r.Method + " " + r.Uri.AbsolutePath).ToArray());
        Assert.AreEqual("icon", handler.Requests[0].Parts.Single().Name);
        Assert.AreEqual("png one", handler.Requests[0].Parts.Single().BodyText);
    }

    [TestMethod]
    public void SetIcon_WhenTheUploadFails_RemembersNothing_SoTheNextBuildSendsItAgain()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var icon = Path.Combine(Temp, "icon.png");
        File.WriteAllText(icon, "png");
        var failing = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.BadRequest, """{"error":"not a png"}"""));
        var engine = new MockEngine();

        Assert.IsFalse(IconTask(engine, failing, icon).Execute());
        var retry = IconTask(new MockEngine(), new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.Created, App)), icon);
        Assert.IsTrue(retry.Execute());

        AssertSingleError(engine, "PGB2400");
        Assert.IsTrue(retry.Uploaded);
    }

    [TestMethod]
    public void SetIcon_OfAMissingFile_FailsWithPGB1019BeforeAnyRequest()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.Created, App));
        var engine = new MockEngine();

        AssertFailsBeforeAnyRequest(IconTask(engine, handler, Path.Combine(Temp, "missing.png")), engine, handler, "PGB1019");
    }

    [TestMethod]
    public void Artifacts_CarryPlatformVersionBuildNumberSizeSha256AndAppId_ThroughTheManifest()
    {
        var manifest = Path.Combine(Temp, "artifacts.tsv");
        var apk = Path.Combine(Temp, "MyApp-android.apk");
        ArtifactManifest.Write(manifest, [new PgbArtifact("android", apk, 7, "1.2.0", 1234, "ab12", buildNumber: 5)]);

        var reader = new PgbReadArtifacts { BuildEngine = new MockEngine(), ProjectFile = UserProject, ManifestFile = manifest };
        Assert.IsTrue(reader.Execute());

        var item = reader.Artifacts.Single();
        Assert.AreEqual(apk, item.ItemSpec);
        var expected = new Dictionary<string, string>
        {
            ["Platform"] = "android",
            ["AppId"] = "7",
            ["Version"] = "1.2.0",
            ["BuildNumber"] = "5",
            ["Length"] = "1234",
            ["Size"] = "1234",
            ["Sha256"] = "ab12",
        };
        foreach (var (name, value) in expected)
        {
            Assert.AreEqual(value, item.GetMetadata(name), name);
        }
    }

    [TestMethod]
    public void Artifacts_OfAManifestWrittenBeforeBuildNumbers_AreStillRead()
    {
        var manifest = Path.Combine(Temp, "artifacts.tsv");
        var apk = Path.Combine(Temp, "MyApp-android.apk");
        File.WriteAllLines(manifest, ["# Pgb.Build.Tasks artifacts v1", string.Join("\t", "android", "7", "1.0.0", "10", "aa", apk)]);

        var reader = new PgbReadArtifacts { BuildEngine = new MockEngine(), ProjectFile = UserProject, ManifestFile = manifest };
        Assert.IsTrue(reader.Execute());

        ITaskItem item = reader.Artifacts.Single();
        Assert.AreEqual(apk, item.ItemSpec);
        Assert.AreEqual("10", item.GetMetadata("Size"));
        Assert.AreEqual(string.Empty, item.GetMetadata("BuildNumber"));
    }
}
