namespace Pgb.Tool.Tests;

/// <summary>
/// <c>pgb collab</c> against a scripted service (the fake handler): the exact requests the Write API's examples send and
/// the shapes of the hosted service's answers (pending entries without an id, 401 to whoever does not own the app).
/// CollaboratorRoleCommandTests and CommandGoldenTests run the same commands against Pgb.Server.
/// </summary>
[TestClass]
public sealed class CollabCommandTests
{
    private const string Token = "collab-token-123456";

    private const string App = """
        {"id":12,"title":"App With Collaborators","collaborators":{"link":"/api/v1/apps/12/collaborators",
        "pending":[{"person":"newguy@nitobi.com","role":"developer"}],
        "active":[{"person":"admin@nitobi.com","role":"admin","id":9,"link":"/api/v1/apps/12/collaborators/9"}]}}
        """;

    private static Task<ToolRun> RunAsync(FakeHandler handler, params string[] args)
    {
        var environment = new ToolEnvironment(name => name switch
        {
            "PGB_AUTH_TOKEN" => Token,
            "PGB_SERVER_URL" => "https://build.example",
            _ => null,
        }, httpHandler: () => handler);
        return ToolRun.RunAsync(environment, args);
    }

    [TestMethod]
    [DataRow(HttpStatusCode.Accepted, true)]
    [DataRow(HttpStatusCode.Created, false)]
    public async Task CollabAdd_PostsEmailAndRole_AndSaysWhetherTheInvitationIsPending(HttpStatusCode status, bool pending)
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(status, App));

        var run = await RunAsync(handler, "collab", "add", "12", "newguy@nitobi.com", "--role", "developer", "--json");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var request = handler.Requests.Single();
        Assert.AreEqual("POST /api/v1/apps/12/collaborators", request.Method + " " + request.Uri.AbsolutePath);
        Assert.AreEqual("""{"email":"newguy@nitobi.com","role":"dev"}""", request.FormFields["data"]);
        var answer = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.AreEqual(pending, answer.GetProperty("pending").GetBoolean());
        Assert.AreEqual(12, answer.GetProperty("app").GetProperty("id").GetInt32());
        Assert.DoesNotContain(Token, run.All);
    }

    [TestMethod]
    public async Task CollabList_ShowsActiveAndPending()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, App));

        var run = await RunAsync(handler, "collab", "12");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.AreEqual("/api/v1/apps/12", handler.Requests.Single().Uri.AbsolutePath);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        StringAssert.StartsWith(lines[0], "ID");
        Assert.Contains("admin@nitobi.com", lines[1]);
        Assert.Contains("active", lines[1]);
        Assert.Contains("newguy@nitobi.com", lines[2]);
        Assert.Contains("pending", lines[2]);
    }

    [TestMethod]
    public async Task CollabRole_PutsTheRole_AndCollabRm_DeletesAndPrintsTheServicesText()
    {
        var handler = new FakeHandler()
            .Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":13,"person":"foo@bar.com","role":"tester","link":"/api/v1/apps/12/collaborators/13"}"""))
            .Enqueue(FakeHandler.Json(HttpStatusCode.Accepted, """{"success":"foo@bar.com removed from app 12"}"""));

        var role = await RunAsync(handler, "collab", "role", "12", "13", "--role", "tester");
        var remove = await RunAsync(handler, "collab", "rm", "12", "13");

        Assert.AreEqual(ExitCodes.Success, role.ExitCode, role.ToString());
        Assert.AreEqual("PUT /api/v1/apps/12/collaborators/13", handler.Requests[0].Method + " " + handler.Requests[0].Uri.AbsolutePath);
        Assert.AreEqual("""{"role":"tester"}""", handler.Requests[0].FormFields["data"]);
        Assert.Contains("foo@bar.com is now tester of app #12", role.Stdout);
        Assert.AreEqual(ExitCodes.Success, remove.ExitCode, remove.ToString());
        Assert.AreEqual("DELETE /api/v1/apps/12/collaborators/13", handler.Requests[1].Method + " " + handler.Requests[1].Uri.AbsolutePath);
        Assert.AreEqual("foo@bar.com removed from app 12", remove.Stdout.Trim());
    }

    [TestMethod]
    public async Task CollabAdd_When401ButTheTokenReadsTheAppAsATester_ExitsThreeWithPGB2403NamingTheRole()
    {
        var handler = new FakeHandler()
            .Enqueue(FakeHandler.Json(HttpStatusCode.Unauthorized, """{"error":"you are not the owner of app 12"}"""))
            .Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":12,"title":"Shared with me","role":"tester"}"""));

        var run = await RunAsync(handler, "collab", "add", "12", "a@b.c", "--role", "tester");

        Assert.AreEqual(ExitCodes.Server, run.ExitCode, run.ToString());
        Assert.Contains("PGB2403", run.Stderr);
        Assert.Contains("this account is a tester of it", run.Stderr);
        Assert.DoesNotContain("token", run.Stderr);
        Assert.AreEqual("GET /api/v1/apps/12", handler.Requests[1].Method + " " + handler.Requests[1].Uri.AbsolutePath);
    }

    [TestMethod]
    public async Task CollabAdd_When401AndTheTokenCannotReadTheAppEither_ExitsThreeWithPGB2401()
    {
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.Unauthorized, """{"error":"Invalid authentication token."}"""));

        var run = await RunAsync(handler, "collab", "rm", "12", "13");

        Assert.AreEqual(ExitCodes.Server, run.ExitCode, run.ToString());
        Assert.Contains("PGB2401", run.Stderr);
        Assert.Contains("PGB_AUTH_TOKEN", run.Stderr);
        Assert.DoesNotContain(Token, run.All);
    }

    [TestMethod]
    public async Task CollabList_WhenTheAppAnswersWithoutCollaborators_ExitsThreeWithPGB2403_NotAnEmptyTable()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":12,"title":"Shared with me","role":"developer"}"""));

        var run = await RunAsync(handler, "collab", "12");

        Assert.AreEqual(ExitCodes.Server, run.ExitCode, run.ToString());
        Assert.Contains("PGB2403", run.Stderr);
        Assert.Contains("only the owner or an admin of app #12", run.Stderr);
        Assert.AreEqual(string.Empty, run.Stdout);
    }
}
