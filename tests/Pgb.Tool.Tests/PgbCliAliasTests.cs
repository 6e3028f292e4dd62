namespace Pgb.Tool.Tests;

/// <summary>pgb-cli 1.1.3's command names run the pgb commands docs/pgb.md maps them to ("Coming from pgb-cli").</summary>
[TestClass]
public sealed class PgbCliAliasTests
{
    [TestMethod]
    public async Task EveryPgbCliName_HasHelpWithExamples_AndTheRootHelpListsIt()
    {
        var root = await ToolRun.RunAsync("--help");

        foreach (var (name, meaning) in PgbCliAliases.Table)
        {
            var help = await ToolRun.RunAsync([.. name.Split(' ').Select(word => word == "ID" ? "12" : word), "--help"]);
            Assert.AreEqual(ExitCodes.Success, help.ExitCode, $"{name}: {help}");
            Assert.Contains("Examples:", help.Stdout, name);
            Assert.Contains($"{name,-12} = pgb {meaning}", root.Stdout);
        }
    }

    [TestMethod]
    public async Task PgbCliNames_DoWhatTheirPgbCommandsDo()
    {
        await using var session = await CommandSession.StartAsync();
        session["PGB_AUTH_TOKEN"] = PgbAccount.Development.Token;
        session["KS_PW"] = "keystore-password-1";
        session["KEY_PW"] = "key-password-22";
        var keystore = session.Temp.WriteFile("release.keystore", "keystore-bytes");

        var created = await session.RunAsync("new", session.Www(), "--json");
        var repo = await session.RunAsync("new", "https://github.com/phonegap/phonegap-start.git", "--title", "Repo", "--json");
        Assert.AreEqual(ExitCodes.Success, created.ExitCode, created.ToString());
        Assert.AreEqual(ExitCodes.Success, repo.ExitCode, repo.ToString());
        Assert.AreEqual("https://github.com/phonegap/phonegap-start.git", JsonDocument.Parse(repo.Stdout).RootElement.GetProperty("repo").GetString());

        Assert.AreEqual((await session.RunAsync("apps", "--json")).Stdout, (await session.RunAsync("ls", "--json")).Stdout);
        await AssertSucceedsAsync(session, "wait", "1", "--poll", "0.1");
        await AssertSucceedsAsync(session, "update", "1", "--title", "Renamed");
        await AssertSucceedsAsync(session, "pull", "2");
        await AssertSucceedsAsync(session, "clone", "2");
        Assert.AreEqual(2, session.Server.RequestsTo("PUT", "/api/v1/apps/2").Length, "pull and clone both pull the repo-backed app");

        await AssertSucceedsAsync(session, "new-key", "android", "--title", "Release", "--keystore", keystore, "--alias", "release");
        Assert.AreEqual((await session.RunAsync("keys", "show", "android", "1", "--json")).Stdout, (await session.RunAsync("key", "android", "1", "--json")).Stdout);
        await AssertSucceedsAsync(session, "unlock", "android", "1", "--keystore-password-variable", "KS_PW", "--key-password-variable", "KEY_PW");
        Assert.IsFalse(JsonDocument.Parse((await session.RunAsync("key", "android", "1", "--json")).Stdout).RootElement.GetProperty("locked").GetBoolean());
        await AssertSucceedsAsync(session, "lock", "android", "1");
        Assert.IsTrue(JsonDocument.Parse((await session.RunAsync("key", "android", "1", "--json")).Stdout).RootElement.GetProperty("locked").GetBoolean());
        await AssertSucceedsAsync(session, "update-key", "android", "1", "--title", "Renamed key");
        await AssertSucceedsAsync(session, "rm-key", "android", "1");
        await AssertSucceedsAsync(session, "rm", "1");

        var gone = await session.RunAsync("app", "1");
        Assert.AreEqual(ExitCodes.Server, gone.ExitCode, "pgb app ID (the official CLI's form) shows the app: here, a deleted one\n" + gone);
        Assert.AreEqual(ExitCodes.Success, (await session.RunAsync("app", "2")).ExitCode);
    }

    private static async Task AssertSucceedsAsync(CommandSession session, params string[] args)
    {
        var run = await session.RunAsync(args);
        Assert.AreEqual(ExitCodes.Success, run.ExitCode, $"pgb {string.Join(' ', args)}\n{run}");
    }
}
