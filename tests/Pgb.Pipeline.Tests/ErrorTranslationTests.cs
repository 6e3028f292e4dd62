using System.Net;

namespace Pgb.Pipeline.Tests;

[TestClass]
public sealed class ErrorTranslationTests
{
    private static readonly string[] Android = ["android"];

    private static void AssertNoToken(Exception ex)
    {
        Assert.DoesNotContain(PipelineFactory.Token, ex.Message);
        Assert.DoesNotContain(PipelineFactory.Token, ex.ToString());
        Assert.DoesNotContain(PipelineFactory.Token, ex.InnerException?.ToString() ?? string.Empty);
    }

    [TestMethod]
    public async Task Wait_When401_FailsWithPGB2401NamingTheTokenVariableButNotTheToken()
    {
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.Unauthorized, """{"error":"Invalid authentication token."}"""));
        using var client = PipelineFactory.CreateClient(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.CreatePipeline(client).WaitForCompletionAsync(5, Android, new PgbWaitOptions()));

        Assert.AreEqual(PgbErrorCodes.Unauthorized, ex.Code);
        Assert.AreEqual("PGB2401", ex.Code);
        Assert.AreEqual(401, ex.HttpStatus);
        Assert.Contains(PipelineFactory.TokenVariable, ex.Message);
        Assert.Contains("Invalid authentication token.", ex.Message);
        AssertNoToken(ex);
    }

    /// <summary>A JSON error answer becomes the code of its cause, with the server's text (and the app, for a 404).</summary>
    [TestMethod]
    [DataRow(HttpStatusCode.NotFound, "app not found", PgbErrorCodes.NotFound, "PGB2404", "#42", DisplayName = "QueueBuild_When404ForTheApp_FailsWithPGB2404NamingTheApp")]
    [DataRow(HttpStatusCode.BadRequest, "platforms must be an array", PgbErrorCodes.BadRequest, "PGB2400", null, DisplayName = "QueueBuild_When400_FailsWithPGB2400AndTheServersMessage")]
    public async Task QueueBuild_WhenServerAnswersAJsonError_FailsWithItsCodeAndTheServersMessage(
        HttpStatusCode status, string serverMessage, string code, string documentedCode, string? alsoNamed)
    {
        var handler = new FakeHandler(_ => FakeHandler.Json(status, "{\"error\":\"" + serverMessage + "\"}"));
        using var client = PipelineFactory.CreateClient(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.CreatePipeline(client).QueueBuildAsync(42, Android));

        Assert.AreEqual(code, ex.Code);
        Assert.AreEqual(documentedCode, ex.Code);
        if (alsoNamed is not null)
        {
            Assert.Contains(alsoNamed, ex.Message);
        }

        Assert.Contains(serverMessage, ex.Message);
        AssertNoToken(ex);
    }

    /// <summary>A collaborator whose role does not allow the call (Pgb.Server answers 403): the role is not enough, and the
    /// message says so and whom to ask, rather than pointing at the token.</summary>
    [TestMethod]
    public async Task QueueBuild_When403ForTheApp_FailsWithPGB2403SayingTheRoleIsNotEnough()
    {
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.Forbidden, """{"error":"you are a tester of app #42: only a developer, an admin or its owner may build it"}"""));
        using var client = PipelineFactory.CreateClient(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.CreatePipeline(client).QueueBuildAsync(42, Android));

        Assert.AreEqual("PGB2403", ex.Code);
        Assert.Contains("role on app #42 is not enough", ex.Message);
        Assert.Contains("you are a tester of app #42", ex.Message);
        Assert.Contains("owner or an admin", ex.Message);
        Assert.DoesNotContain("token", ex.Message);
        Assert.DoesNotContain(PipelineFactory.TokenVariable, ex.Message);
    }

    [TestMethod]
    public async Task Wait_WhenConnectionFails_FailsWithPGB2001NamingTheServer()
    {
        var handler = new FakeHandler(_ => throw new HttpRequestException("Connection refused (build.example:443)"));
        using var client = PipelineFactory.CreateClient(handler, maxRetries: 2);

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.CreatePipeline(client).WaitForCompletionAsync(5, Android, new PgbWaitOptions()));

        Assert.AreEqual(PgbErrorCodes.ServerUnreachable, ex.Code);
        Assert.AreEqual("PGB2001", ex.Code);
        Assert.AreEqual(0, ex.HttpStatus);
        Assert.Contains("https://build.example/", ex.Message);
        Assert.Contains("Connection refused", ex.Message);
        Assert.HasCount(3, handler.Requests);
        AssertNoToken(ex);
    }

    [TestMethod]
    [DataRow(HttpStatusCode.Forbidden, "PGB2403")]
    [DataRow(HttpStatusCode.RequestEntityTooLarge, "PGB2413")]
    [DataRow(HttpStatusCode.LengthRequired, "PGB2413")]
    [DataRow(HttpStatusCode.InternalServerError, "PGB2500")]
    public async Task QueueBuild_WhenServerAnswersOtherErrors_MapsToOneCodePerCause(HttpStatusCode status, string code)
    {
        var handler = new FakeHandler(_ => FakeHandler.Html(status, "<html><body>nope</body></html>"));
        using var client = PipelineFactory.CreateClient(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.CreatePipeline(client).QueueBuildAsync(42, Android));

        Assert.AreEqual(code, ex.Code);
        Assert.AreEqual((int)status, ex.HttpStatus);
    }

    [TestMethod]
    public void ExceptionToString_StartsWithTheCode()
    {
        var ex = new PgbPipelineException(PgbErrorCodes.BuildFailed, "The android build failed");

        Assert.AreEqual("PGB3001: The android build failed", ex.ToString());
        Assert.IsNull(ex.HttpStatus);
    }
}
