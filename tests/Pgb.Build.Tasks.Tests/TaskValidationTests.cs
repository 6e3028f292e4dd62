namespace Pgb.Build.Tasks.Tests;

[TestClass]
public sealed class TaskValidationTests : TaskTestBase
{
    [TestMethod]
    public void QueueBuild_WhenTokenVariableIsUnset_LogsPGB1002NamingTheVariable()
    {
        var engine = new MockEngine();
        var task = QueueBuild(engine);

        Assert.IsFalse(task.Execute());

        AssertSingleError(engine, "PGB1002");
        StringAssert.Contains(engine.Errors[0].Message, TokenVariable);
    }

    [TestMethod]
    public void QueueBuild_WhenServerUrlIsNotHttp_LogsPGB1001()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var engine = new MockEngine();
        var task = QueueBuild(engine);
        task.ServerUrl = "ftp://example";

        Assert.IsFalse(task.Execute());

        AssertSingleError(engine, "PGB1001");
    }

    [TestMethod]
    [DataRow("abc")]
    [DataRow("0")]
    [DataRow("-3")]
    [DataRow("1.5")]
    public void QueueBuild_WhenAppIdIsNotAPositiveNumber_LogsPGB1007(string appId)
    {
        var engine = new MockEngine();
        var task = QueueBuild(engine, appId: appId);

        Assert.IsFalse(task.Execute());

        AssertSingleError(engine, "PGB1007");
    }

    [TestMethod]
    public void QueueBuild_WhenAPlatformIsUnknown_LogsPGB1005ListingTheKnownOnes()
    {
        var engine = new MockEngine();
        var task = QueueBuild(engine, platforms: "android;tizen");

        Assert.IsFalse(task.Execute());

        AssertSingleError(engine, "PGB1005");
        StringAssert.Contains(engine.Errors[0].Message, "tizen");
        StringAssert.Contains(engine.Errors[0].Message, "winphone");
    }

    [TestMethod]
    [DataRow("0", "2")]
    [DataRow("soon", "2")]
    [DataRow("60", "-1")]
    public void WaitForBuild_WhenTimingIsNotPositive_LogsPGB1008(string timeout, string poll)
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var engine = new MockEngine();
        var task = OnFakeServer(new PgbWaitForBuild { AppId = "5", Platforms = "android", TimeoutSeconds = timeout, PollIntervalSeconds = poll }, engine);

        Assert.IsFalse(task.Execute());

        AssertSingleError(engine, "PGB1008");
    }

    [TestMethod]
    public void Package_WhenWwwIsMissing_LogsPGB1003()
    {
        var engine = new MockEngine();
        var task = new PgbPackage { BuildEngine = engine, ProjectFile = UserProject, WwwDirectory = Path.Combine(Temp, "nope"), OutputFile = Path.Combine(Temp, "app.zip") };

        Assert.IsFalse(task.Execute());

        AssertSingleError(engine, "PGB1003");
        Assert.IsFalse(File.Exists(Path.Combine(Temp, "app.zip")));
    }

    [TestMethod]
    public void Package_WithAWwwFolder_OutputsTheArchive()
    {
        Directory.CreateDirectory(Path.Combine(Temp, "www"));
        File.WriteAllText(Path.Combine(Temp, "www", "index.html"), "<html></html>");
        var engine = new MockEngine();
        var task = new PgbPackage { BuildEngine = engine, ProjectFile = UserProject, WwwDirectory = Path.Combine(Temp, "www"), OutputFile = Path.Combine(Temp, "obj", "app.zip") };

        Assert.IsTrue(task.Execute(), engine.AllText());

        Assert.AreEqual(Path.Combine(Temp, "obj", "app.zip"), task.Archive);
        Assert.IsTrue(File.Exists(task.Archive));
    }

    [TestMethod]
    public void Upload_WithNeitherAppIdNorCreateApp_LogsPGB1006()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var archive = Path.Combine(Temp, "app.zip");
        File.WriteAllBytes(archive, [1, 2, 3]);
        var engine = new MockEngine();
        var task = OnFakeServer(new PgbUpload { Archive = archive }, engine);

        Assert.IsFalse(task.Execute());

        AssertSingleError(engine, "PGB1006");
    }

    [TestMethod]
    public void QueueBuild_WhenTheServerAnswers401_LogsPGB2401WithoutTheToken()
    {
        const string token = "do-not-print-me-123";
        Environment.SetEnvironmentVariable(TokenVariable, token);
        var engine = new MockEngine();
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.Unauthorized, """{"error":"Invalid authentication token."}"""));
        var task = QueueBuild(engine, handler: handler);

        Assert.IsFalse(task.Execute());

        AssertSingleError(engine, "PGB2401");
        StringAssert.Contains(engine.Errors[0].Message, "Invalid authentication token.");
        StringAssert.Contains(engine.Errors[0].Message, TokenVariable);
        Assert.DoesNotContain(token, engine.AllText());
        Assert.HasCount(1, handler.Requests);
        StringAssert.Contains(handler.Requests[0].Line, "auth_token=", "the token travels as the auth_token parameter");
    }

    /// <summary>A queue-build task whose settings are good unless a test passes a bad one.</summary>
    private PgbQueueBuild QueueBuild(MockEngine engine, string appId = "5", string platforms = "android", FakeHandler? handler = null) =>
        OnFakeServer(new PgbQueueBuild { AppId = appId, Platforms = platforms }, engine, handler);
}
