namespace Pgb.Build.Tasks.Tests;

[TestClass]
public sealed class ValidateSettingsTests : TaskTestBase
{
    [TestMethod]
    public void ValidateSettings_WithGoodSettings_LogsNothing()
    {
        var engine = new MockEngine();
        var task = GoodSettings(engine);

        Assert.IsTrue(task.Execute(), engine.AllText());

        Assert.IsEmpty(engine.Errors);
    }

    [TestMethod]
    [DataRow("ServerUrl", "ftp://example", "PGB1001")]
    [DataRow("ServerUrl", "build.example.com", "PGB1001")]
    [DataRow("Platforms", "android;tizen", "PGB1005")]
    [DataRow("Platforms", ";", "PGB1009")]
    [DataRow("TimeoutSeconds", "soon", "PGB1008")]
    [DataRow("TimeoutSeconds", "0", "PGB1008")]
    [DataRow("PollIntervalSeconds", "-1", "PGB1008")]
    [DataRow("AppId", "abc", "PGB1007")]
    [DataRow("CreateApp", "false", "PGB1006")]
    [DataRow("CreateApp", "yes", "PGB1013")]
    [DataRow("AndroidKeyId", "release", "PGB1015")]
    [DataRow("IosKeyId", "0", "PGB1015")]
    [DataRow("WwwDirectory", "missing", "PGB1003")]
    [DataRow("ConfigXml", "missing.xml", "PGB1004")]
    public void ValidateSettings_WithOneMistake_LogsItsCodeAgainstTheProject(string setting, string value, string code)
    {
        var engine = new MockEngine();
        var task = GoodSettings(engine);
        switch (setting)
        {
            case "ServerUrl":
                task.ServerUrl = value;
                break;
            case "Platforms":
                task.Platforms = value;
                break;
            case "TimeoutSeconds":
                task.TimeoutSeconds = value;
                break;
            case "PollIntervalSeconds":
                task.PollIntervalSeconds = value;
                break;
            case "AppId":
                task.AppId = value;
                break;
            case "CreateApp":
                task.CreateApp = value;
                break;
            case "AndroidKeyId":
                task.AndroidKeyId = value;
                break;
            case "IosKeyId":
                task.IosKeyId = value;
                break;
            case "WwwDirectory":
                task.WwwDirectory = Path.Combine(Temp, value);
                break;
            case "ConfigXml":
                task.ConfigXml = Path.Combine(Temp, value);
                break;
            default:
                Assert.Fail("unknown setting " + setting);
                break;
        }

        Assert.IsFalse(task.Execute());

        AssertSingleError(engine, code);
    }

    [TestMethod]
    public void ValidateSettings_WithSeveralMistakes_ReportsEachOneInOneBuild()
    {
        var engine = new MockEngine();
        var task = GoodSettings(engine);
        task.ServerUrl = "not a url";
        task.Platforms = "tizen";
        task.TimeoutSeconds = "soon";
        task.CreateApp = "false";
        task.WwwDirectory = Path.Combine(Temp, "missing");

        Assert.IsFalse(task.Execute());

        CollectionAssert.AreEquivalent(new[] { "PGB1001", "PGB1005", "PGB1008", "PGB1006", "PGB1003" }, engine.Errors.Select(e => e.Code).ToList(), engine.AllText());
        Assert.IsTrue(engine.Errors.All(e => e.File == UserProject), "every error points at the user's project");
    }

    [TestMethod]
    public void ValidateSettings_ForARepoBackedApp_NeedsNoWwwFolder()
    {
        var engine = new MockEngine();
        var task = GoodSettings(engine);
        task.RepoUrl = "https://github.com/example/app.git";
        task.WwwDirectory = Path.Combine(Temp, "missing");

        Assert.IsTrue(task.Execute(), engine.AllText());
    }

    [TestMethod]
    public void ValidateSettings_WithAnAppIdAndNoCreation_IsFine()
    {
        var engine = new MockEngine();
        var task = GoodSettings(engine);
        task.CreateApp = "false";
        task.AppId = "42";

        Assert.IsTrue(task.Execute(), engine.AllText());
    }

    [TestMethod]
    public void ValidateSettings_ReportsThePipelinesOwnMessages_NotCopiesOfThem()
    {
        var engine = new MockEngine();
        var task = GoodSettings(engine);
        task.CreateApp = "false";
        task.WwwDirectory = Path.Combine(Temp, "missing");
        task.ConfigXml = Path.Combine(Temp, "missing.xml");

        Assert.IsFalse(task.Execute());

        var expected = new[]
        {
            Assert.ThrowsExactly<PgbPipelineException>(() => PgbServerSettings.CheckAppChoice(hasAppId: false, createApp: false)).Message,
            Assert.ThrowsExactly<PgbPipelineException>(() => PgbPackager.CheckWwwDirectory(task.WwwDirectory)).Message,
            Assert.ThrowsExactly<PgbPipelineException>(() => PgbPackager.CheckConfigXml(task.ConfigXml)).Message,
        };
        CollectionAssert.AreEquivalent(expected, engine.Errors.Select(e => e.Message).ToArray(), engine.AllText());
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    public void WaitSettings_WhenEmpty_AreThePipelinesDefaults(string? value)
    {
        var engine = new MockEngine();
        var task = GoodSettings(engine);
        task.TimeoutSeconds = value;
        task.PollIntervalSeconds = value;

        Assert.IsTrue(task.Execute(), engine.AllText());
        Assert.AreEqual(TimeSpan.FromSeconds(PgbWaitOptions.DefaultTimeoutSeconds), WaitSettings.Timeout(value));
        Assert.AreEqual(TimeSpan.FromSeconds(PgbWaitOptions.DefaultPollIntervalSeconds), WaitSettings.PollInterval(value));
        Assert.AreEqual(new PgbWaitOptions().Timeout, WaitSettings.Timeout(value));
        Assert.AreEqual(new PgbWaitOptions().PollInterval, WaitSettings.PollInterval(value));
    }

    private PgbValidateSettings GoodSettings(MockEngine engine)
    {
        var www = Path.Combine(Temp, "www");
        Directory.CreateDirectory(www);
        File.WriteAllText(Path.Combine(www, "index.html"), "<html></html>");
        return new PgbValidateSettings
        {
            BuildEngine = engine,
            ProjectFile = UserProject,
            ServerUrl = "http://127.0.0.1:1",
            CreateApp = "true",
            WwwDirectory = www,
            Platforms = "android;ios",
            TimeoutSeconds = "1800",
            PollIntervalSeconds = "2",
        };
    }
}
