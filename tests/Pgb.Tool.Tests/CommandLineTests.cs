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

    /// <summary>
    /// Arguments pgb refuses before doing anything: exit 2 and "pgb: error CODE:" on stderr, naming what was wrong
    /// (<paramref name="shown"/>) and never repeating a value that may be a secret typed by mistake (<paramref name="hidden"/>).
    /// </summary>
    [TestMethod]
    [DataRow("PGB1000", null, null, new string[0], DisplayName = "NoCommand_ExitsTwoWithPGB1000")]
    [DataRow("PGB1000", "pgb build --help", null, new[] { "build", "--platforms", "android", "--out", "out", "--token", "secret-value" }, DisplayName = "UnknownOption_ExitsTwoWithPGB1000")]
    [DataRow("PGB1000", "--token", "secret-value-9c1e", new[] { "build", "--platforms", "android", "--out", "out", "--token", "secret-value-9c1e", "--json" }, DisplayName = "UnknownOption_DoesNotRepeatTheValueGivenToIt (--token)")]
    [DataRow("PGB1000", "--password", "hunter2-password", new[] { "build", "--platforms", "android", "--out", "out", "--password", "hunter2-password", "--json" }, DisplayName = "UnknownOption_DoesNotRepeatTheValueGivenToIt (--password)")]
    [DataRow("PGB1000", "--token", "secret-value-77aa", new[] { "build", "--platforms", "android", "--out", "out", "--token=secret-value-77aa" }, DisplayName = "UnknownOptionWithEquals_DoesNotRepeatTheValue")]
    [DataRow("PGB1000", "--create", null, new[] { "build", "--platforms", "android", "--out", "out", "--app-id", "3", "--create" }, DisplayName = "AppIdWithCreate_ExitsTwoWithPGB1000")]
    [DataRow("PGB1007", null, null, new[] { "build", "--server", "http://127.0.0.1:1", "--platforms", "android", "--out", "out", "--app-id", "abc" }, DisplayName = "AppIdThatIsNotANumber_ExitsTwoWithPGB1007")]
    [DataRow("PGB1001", null, "leaked-secret", new[] { "build", "--server", "ftp://example.com/?auth_token=leaked-secret", "--platforms", "android", "--out", "out" }, DisplayName = "ServerUrlThatIsNotHttp_ExitsTwoWithPGB1001_AndRedactsIt")]
    [DataRow("PGB1000", "--state", null, new[] { "build", "--server", "http://127.0.0.1:9", "--create", "--state", "", "--platforms", "android", "--out", "out", "--json" }, DisplayName = "Build_WithAnEmptyState_ExitsTwoWithPGB1000_NotAnUnexpectedError")]
    // A port is no secret: the message shows it.
    [DataRow("PGB1000", "abc", null, new[] { "serve", "--port", "abc", "--json" }, DisplayName = "Serve_WithAPortThatIsNotANumber_ExitsTwoWithPGB1000")]
    [DataRow("PGB1000", null, null, new[] { "serve", "--data", "" }, DisplayName = "Serve_WithAnEmptyData_ExitsTwoWithPGB1000")]
    [DataRow("PGB1000", null, "secret-password", new[] { "serve", "--user", "ann:secret-password" }, DisplayName = "Serve_WithAMalformedUser_ExitsTwoWithPGB1000_AndDoesNotRepeatTheValue")]
    [DataRow("PGB1005", null, null, new[] { "serve", "--fail", "tizen=boom" }, DisplayName = "Serve_WithAFailingPlatformOfUnknownName_ExitsTwoWithPGB1005")]
    public async Task UsageError_ExitsTwoWithItsCode(string code, string? shown, string? hidden, string[] args)
    {
        var run = await ToolRun.RunAsync(args);

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains($"pgb: error {code}:", run.Stderr);
        if (shown is not null)
        {
            Assert.Contains(shown, run.Stderr, "what was wrong is named");
        }

        if (hidden is not null)
        {
            Assert.DoesNotContain(hidden, run.All);
        }
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
