namespace Pgb.Tool.Tests;

/// <summary>
/// Every command through the real entry point (Program.RunAsync) against a server on port 0, its <c>--json</c> answer
/// compared with tests/Pgb.Tool.Tests/Golden (ids, URLs, times and hashes normalized by <see cref="CommandSession.Normalize"/>).
/// </summary>
[TestClass]
public sealed class CommandGoldenTests
{
    private static async Task<ToolRun> Json(CommandSession session, string golden, params string[] args)
    {
        var run = await session.RunAsync([.. args, "--json"]);
        Assert.AreEqual(ExitCodes.Success, run.ExitCode, $"pgb {string.Join(' ', args)}\n{run}");
        using (JsonDocument.Parse(run.Stdout))
        {
            // One JSON document on stdout, nothing else.
        }

        Golden.AssertMatches(golden, session.Normalize(run.Stdout));
        return run;
    }

    [TestMethod]
    public async Task EveryCommand_WithJson_PrintsOneDocument_AsTheGoldenFileSays()
    {
        await using var session = await CommandSession.StartAsync();
        session["KS_PW"] = "keystore-password-1";
        session["KEY_PW"] = "key-password-22";
        var www = session.Www();
        var keystore = session.Temp.WriteFile("release.keystore", "keystore-bytes");
        var png = session.Temp.WriteFile("icon.png", "\u0089PNG icon");
        var output = session.Temp.Combine("out");

        var login = await session.RunWithStdinAsync("dev", "login", "--username", "dev", "--password-stdin", "--json");
        Assert.AreEqual(ExitCodes.Success, login.ExitCode, login.ToString());
        Golden.AssertMatches("login", session.Normalize(login.Stdout));

        await Json(session, "whoami", "whoami");
        await Json(session, "app-new", "app", "new", "--www", www, "--title", "Golden", "--app-version", "1.0.0");
        await Json(session, "status-wait", "status", "1", "--wait", "--poll", "0.1");
        await Json(session, "status", "status", "1");
        await Json(session, "apps", "apps");
        await Json(session, "app-show", "app", "show", "1");
        await Json(session, "log", "log", "1", "android");
        await Json(session, "download", "download", "1", "android", "ios", "--out", output);
        await Json(session, "app-update", "app", "update", "1", "--www", www, "--title", "Golden 2", "--debug", "true");
        await Json(session, "app-icon", "app", "icon", "1", png);
        await Json(session, "build-id-no-wait", "build", "1", "android", "--no-wait");
        await Json(session, "build-id", "build", "1", "android", "--poll", "0.1");
        // Key 3: the development account starts with keys 1 (android) and 2 (ios), its default development keys.
        await Json(session, "keys-add", "keys", "add", "android", "--title", "Release", "--keystore", keystore, "--alias", "release");
        await Json(session, "keys", "keys");
        await Json(session, "keys-platform", "keys", "android");
        await Json(session, "keys-show", "keys", "show", "android", "3");
        await Json(session, "keys-unlock", "keys", "unlock", "android", "3", "--keystore-password-variable", "KS_PW", "--key-password-variable", "KEY_PW");
        await Json(session, "keys-lock", "keys", "lock", "android", "3");
        await Json(session, "keys-update", "keys", "update", "android", "3", "--title", "Release 2");
        await Json(session, "keys-rm", "keys", "rm", "android", "3");
        await Json(session, "collab", "collab", "1");
        await Json(session, "phonegaps", "phonegaps");
        await Json(session, "pack", "pack", "--www", www, "--out", session.Temp.Combine("packed.zip"));
        await Json(session, "app-rm", "app", "rm", "1");
        await Json(session, "logout", "logout");

        Assert.IsTrue(File.Exists(Path.Combine(output, "app-android.apk")));
        Assert.IsTrue(File.Exists(session.Temp.Combine("packed.zip")));
    }

    /// <summary>The collaborator commands against Pgb.Server, as Ann, owner of app 1: Bob has an account (201), newguy
    /// has none (202, pending, with an id); then the list, a role change and a removal; and the error document of a
    /// tester's update (PGB2403).</summary>
    [TestMethod]
    public async Task CollabCommands_WithJson_PrintOneDocument_AsTheGoldenFilesSay()
    {
        await using var session = await CommandSession.StartAsync(o => o.WithAll());
        session["PGB_AUTH_TOKEN"] = TestAccounts.Ann.Token;
        Assert.AreEqual(ExitCodes.Success, (await session.RunAsync("app", "new", "--www", session.Www())).ExitCode);
        Assert.AreEqual(ExitCodes.Success, (await session.RunAsync("status", "1", "--wait", "--poll", "0.1")).ExitCode);

        await Json(session, "collab-add", "collab", "add", "1", TestAccounts.Bob.Email, "--role", "tester");
        await Json(session, "collab-add-pending", "collab", "add", "1", "newguy@example.com", "--role", "developer");
        await Json(session, "collab-shared", "collab", "1");
        session["PGB_AUTH_TOKEN"] = TestAccounts.Bob.Token;
        var refused = await session.RunAsync("app", "update", "1", "--title", "Bob's", "--json");
        session["PGB_AUTH_TOKEN"] = TestAccounts.Ann.Token;
        await Json(session, "collab-role", "collab", "role", "1", "2", "--role", "developer");
        await Json(session, "collab-rm", "collab", "rm", "1", "3");

        Assert.AreEqual(ExitCodes.Server, refused.ExitCode, refused.ToString());
        Golden.AssertMatches("role-refused", session.Normalize(refused.Stdout));
    }

    [TestMethod]
    public async Task Build_WithNoWait_QueuesAndReturns_WithoutDownloading()
    {
        await using var session = await CommandSession.StartAsync(o => o.BuildDuration = TimeSpan.FromMinutes(5));
        session["PGB_AUTH_TOKEN"] = PgbAccount.Development.Token;
        var www = session.Www();
        var output = session.Temp.Combine("out");

        var run = await session.RunAsync("build", "--server", session.ServerUrl, "--create", "--www", www, "--platforms", "android", "--out", output, "--no-wait", "--json");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Golden.AssertMatches("build-no-wait", session.Normalize(run.Stdout));
        Assert.AreEqual(1, session.Server.QueuedBuilds());
        Assert.IsFalse(Directory.Exists(output) && Directory.EnumerateFiles(output, "*.apk").Any(), "nothing downloaded");
    }

    [TestMethod]
    public async Task StatusWait_WhenABuildFails_ExitsFourWithPGB3001()
    {
        await using var session = await CommandSession.StartAsync(o => o.FailingPlatforms["ios"] = "Keystore was tampered with");
        session["PGB_AUTH_TOKEN"] = PgbAccount.Development.Token;
        Assert.AreEqual(ExitCodes.Success, (await session.RunAsync("app", "new", "--www", session.Www())).ExitCode);

        var run = await session.RunAsync("status", "1", "--wait", "--poll", "0.1");

        Assert.AreEqual(ExitCodes.BuildFailed, run.ExitCode, run.ToString());
        Assert.Contains("PGB3001", run.Stderr);
        Assert.Contains("Keystore was tampered with", run.Stderr);
    }

    [TestMethod]
    [DataRow(new[] { "app", "show", "99" }, ExitCodes.Server, "PGB2404")]
    [DataRow(new[] { "app", "show", "abc" }, ExitCodes.Usage, "PGB1007")]
    [DataRow(new[] { "log", "1", "nokia" }, ExitCodes.Usage, "PGB1005")]
    [DataRow(new[] { "collab", "add", "1", "a@b.c", "--role", "owner" }, ExitCodes.Usage, "PGB1018")]
    [DataRow(new[] { "app", "icon", "1", "missing.png" }, ExitCodes.Usage, "PGB1019")]
    [DataRow(new[] { "app", "new", "--www", "www", "--file", "app.zip" }, ExitCodes.Usage, "PGB1000")]
    [DataRow(new[] { "no-such-command" }, ExitCodes.Usage, "PGB1000")]
    [DataRow(new[] { "download", "1", "--out", "out" }, ExitCodes.Server, "PGB2404")]
    public async Task Commands_FailWithTheDocumentedCodeAndExitCode(string[] args, int exitCode, string code)
    {
        await using var session = await CommandSession.StartAsync();
        session["PGB_AUTH_TOKEN"] = PgbAccount.Development.Token;

        var run = await session.RunAsync([.. args, "--json"]);

        Assert.AreEqual(exitCode, run.ExitCode, run.ToString());
        Assert.AreEqual(code, JsonDocument.Parse(run.Stdout).RootElement.GetProperty("error").GetProperty("code").GetString(), run.ToString());
        Assert.DoesNotContain(PgbAccount.Development.Token, run.All);
    }

    [TestMethod]
    public async Task Tables_OnStdout_ListTheAppsReadably()
    {
        await using var session = await CommandSession.StartAsync();
        session["PGB_AUTH_TOKEN"] = PgbAccount.Development.Token;
        var plain = session.Temp.Combine("plain", "www");
        Directory.CreateDirectory(plain);
        File.WriteAllText(Path.Combine(plain, "index.html"), "<html></html>");
        await session.RunAsync("app", "new", "--www", plain, "--title", "[Bracketed] Title");

        var run = await session.RunAsync("apps");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        StringAssert.StartsWith(lines[0], "ID  TITLE");
        StringAssert.StartsWith(lines[1], "1   [Bracketed] Title", "server text is printed as it is, never read as markup");
        Assert.DoesNotContain("\u001b[", run.Stdout);
    }
}
