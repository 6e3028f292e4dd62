namespace Pgb.Build.Tasks.Tests;

[TestClass]
public sealed class NodeYieldTests : TaskTestBase
{
    [TestMethod]
    public void WaitForBuild_YieldsTheNodeAroundEveryRequest_AndReacquiresItBeforeReturning()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var engine = new YieldRecordingEngine();
        var polls = 0;
        var handler = new FakeHandler(_ =>
        {
            engine.Record("request");
            return FakeHandler.Json(HttpStatusCode.OK, ++polls < 3
                ? """{"id":7,"status":{"android":"pending"}}"""
                : """{"id":7,"version":"1.0.0","status":{"android":"complete"}}""");
        });
        var task = OnFakeServer(new PgbWaitForBuild { AppId = "7", Platforms = "android", PollIntervalSeconds = "0.01" }, engine, handler);

        Assert.IsTrue(task.Execute(), engine.Log.AllText());

        CollectionAssert.AreEqual(new[] { "yield", "request", "request", "request", "reacquire" }, engine.Timeline);
    }

    [TestMethod]
    public void WaitForBuild_WhenItFails_StillReacquiresTheNode()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var engine = new YieldRecordingEngine();
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.Unauthorized, """{"error":"bad token"}"""));
        var task = OnFakeServer(new PgbWaitForBuild { AppId = "7", Platforms = "android" }, engine, handler);

        Assert.IsFalse(task.Execute());

        CollectionAssert.AreEqual(new[] { "yield", "reacquire" }, engine.Timeline);
        Assert.AreEqual("PGB2401", engine.Log.Errors.Single().Code);
    }

    [TestMethod]
    public void Package_KeepsTheNode_BecauseItIsLocalWork()
    {
        Directory.CreateDirectory(Path.Combine(Temp, "www"));
        File.WriteAllText(Path.Combine(Temp, "www", "index.html"), "<html/>");
        var engine = new YieldRecordingEngine();
        var task = new PgbPackage { BuildEngine = engine, ProjectFile = UserProject, WwwDirectory = Path.Combine(Temp, "www"), OutputFile = Path.Combine(Temp, "app.zip") };

        Assert.IsTrue(task.Execute(), engine.Log.AllText());

        Assert.IsEmpty(engine.Timeline);
    }
}
