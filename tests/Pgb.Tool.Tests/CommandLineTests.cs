using System.Text.Json;

namespace Pgb.Tool.Tests;

[TestClass]
public sealed class CommandLineTests
{
    [TestMethod]
    public async Task Help_ListsTheCommandsAndTheExitCodes_AndExitsZero()
    {
        var run = await ToolRun.RunAsync("--help");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.Contains("serve", run.Stdout);
        Assert.Contains("build", run.Stdout);
        Assert.Contains("Exit codes:", run.Stdout);
        Assert.Contains("130", run.Stdout);
    }

    [TestMethod]
    public async Task BuildHelp_HasNoTokenOption()
    {
        var run = await ToolRun.RunAsync("build", "--help");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.Contains("--token-variable", run.Stdout);
        Assert.DoesNotContain("--token ", run.Stdout);
    }

    [TestMethod]
    public async Task UnknownOption_ExitsTwoWithPGB1000()
    {
        var run = await ToolRun.RunAsync("build", "--platforms", "android", "--out", "out", "--token", "secret-value");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB1000:", run.Stderr);
        Assert.Contains("pgb build --help", run.Stderr);
    }

    [TestMethod]
    public async Task NoCommand_ExitsTwoWithPGB1000()
    {
        var run = await ToolRun.RunAsync();

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB1000:", run.Stderr);
    }

    [TestMethod]
    public async Task MissingRequiredOption_WithJson_PrintsTheErrorDocument()
    {
        var run = await ToolRun.RunAsync("build", "--platforms", "android", "--json");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.AreEqual("PGB1000", document.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("--out", document.RootElement.GetProperty("error").GetProperty("message").GetString()!);
    }

    [TestMethod]
    public async Task AppIdWithCreate_ExitsTwoWithPGB1000()
    {
        var run = await ToolRun.RunAsync("build", "--platforms", "android", "--out", "out", "--app-id", "3", "--create");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB1000:", run.Stderr);
        Assert.Contains("--create", run.Stderr);
    }

    [TestMethod]
    public async Task AppIdThatIsNotANumber_ExitsTwoWithPGB1007()
    {
        var run = await ToolRun.RunAsync("build", "--server", "http://127.0.0.1:1", "--platforms", "android", "--out", "out", "--app-id", "abc");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB1007:", run.Stderr);
    }

    [TestMethod]
    public async Task ServerUrlThatIsNotHttp_ExitsTwoWithPGB1001_AndRedactsIt()
    {
        var run = await ToolRun.RunAsync("build", "--server", "ftp://example.com/?auth_token=leaked-secret", "--platforms", "android", "--out", "out");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB1001:", run.Stderr);
        Assert.DoesNotContain("leaked-secret", run.All);
    }

    [TestMethod]
    [DataRow("PGB0000", ExitCodes.Unexpected)]
    [DataRow("PGB0001", ExitCodes.Canceled)]
    [DataRow("PGB1002", ExitCodes.Usage)]
    [DataRow("PGB2401", ExitCodes.Server)]
    [DataRow("PGB3001", ExitCodes.BuildFailed)]
    [DataRow("PGB4002", ExitCodes.LocalIO)]
    [DataRow("nonsense", ExitCodes.Unexpected)]
    public void ExitCode_IsTheClassOfTheErrorCode(string code, int expected) =>
        Assert.AreEqual(expected, ExitCodes.ForErrorCode(code));
}
