using static Pgb.Testing.TestAccounts;

namespace Pgb.Tool.Tests;

/// <summary>
/// Collaborator roles end to end: <c>pgb</c> through its real entry point, as each of several accounts of one server on
/// port 0. Ann owns app 1 and shares it; what each role may do is docs/server.md's "Collaborators" table, and what
/// <c>pgb</c> says when a role is not enough is docs/errors.md's PGB2403 (exit 3), never "renew the token".
/// </summary>
[TestClass]
public sealed class CollaboratorRoleCommandTests
{
    /// <summary>A server with Ann, Bob, Carol and Dave, and Ann's app 1 built (every platform complete).</summary>
    private static async Task<CommandSession> StartWithAnnsAppAsync()
    {
        var session = await CommandSession.StartAsync(o => o.WithAll());
        await Succeeds(session, Ann, "app", "new", "--www", session.Www());
        await Succeeds(session, Ann, "status", "1", "--wait", "--poll", "0.1");
        return session;
    }

    private static Task<ToolRun> As(CommandSession session, PgbAccount account, params string[] args)
    {
        session["PGB_AUTH_TOKEN"] = account.Token;
        return session.RunAsync(args);
    }

    private static async Task<ToolRun> Succeeds(CommandSession session, PgbAccount account, params string[] args)
    {
        var run = await As(session, account, args);
        Assert.AreEqual(ExitCodes.Success, run.ExitCode, $"{account.UserName}: pgb {string.Join(' ', args)}\n{run}");
        AssertNoSecret(run);
        return run;
    }

    /// <summary>Runs a command with <c>--json</c> and checks it fails with exit 3 and <paramref name="code"/>; returns the message.</summary>
    private static async Task<string> Refused(CommandSession session, PgbAccount account, string code, params string[] args)
    {
        var run = await As(session, account, [.. args, "--json"]);
        var what = $"{account.UserName}: pgb {string.Join(' ', args)}\n{run}";
        Assert.AreEqual(ExitCodes.Server, run.ExitCode, what);
        var error = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("error");
        Assert.AreEqual(code, error.GetProperty("code").GetString(), what);
        AssertNoSecret(run);
        return error.GetProperty("message").GetString()!;
    }

    /// <summary>PGB2403 naming the account's role: the token is fine, the role is not enough.</summary>
    private static async Task RefusedForTheRole(CommandSession session, PgbAccount account, string role, params string[] args)
    {
        var message = await Refused(session, account, "PGB2403", args);
        Assert.Contains($"a {role} of", message, message);
        Assert.Contains("pgb collab role", message, message);
        Assert.DoesNotContain("token", message, "a role too weak is not a token to renew: " + message);
    }

    private static void AssertNoSecret(ToolRun run)
    {
        foreach (var account in All)
        {
            Assert.DoesNotContain(account.Token, run.All);
            Assert.DoesNotContain(account.Password, run.All);
        }
    }

    [TestMethod]
    public async Task ATester_ShowsStatusAndDownloads_ButCannotUpdateBuildOrSeeCollaborators()
    {
        await using var session = await StartWithAnnsAppAsync();
        await Succeeds(session, Ann, "collab", "add", "1", Bob.Email, "--role", "tester");
        var output = session.Temp.Combine("bob-out");

        var show = await Succeeds(session, Bob, "app", "show", "1", "--json");
        var status = await Succeeds(session, Bob, "status", "1", "--json");
        await Succeeds(session, Bob, "download", "1", "android", "--out", output);
        await Succeeds(session, Bob, "log", "1", "android");

        var app = JsonDocument.Parse(show.Stdout).RootElement;
        Assert.AreEqual("tester", app.GetProperty("role").GetString());
        Assert.IsFalse(app.TryGetProperty("collaborators", out var people) && people.ValueKind != JsonValueKind.Null, "a tester is shown no collaborators\n" + show.Stdout);
        Assert.AreEqual("complete", JsonDocument.Parse(status.Stdout).RootElement.GetProperty("status").GetProperty("android").GetString(), status.Stdout);
        Assert.IsTrue(File.Exists(Path.Combine(output, "app-android.apk")));
        await RefusedForTheRole(session, Bob, "tester", "app", "update", "1", "--title", "Bob's");
        await RefusedForTheRole(session, Bob, "tester", "rebuild", "1", "android");
        await RefusedForTheRole(session, Bob, "tester", "build", "--app-id", "1", "--www", session.Www(), "--platforms", "android", "--out", output);
        await RefusedForTheRole(session, Bob, "tester", "collab", "1");
        await RefusedForTheRole(session, Bob, "tester", "collab", "add", "1", "friend@example.com", "--role", "tester");
        await RefusedForTheRole(session, Bob, "tester", "app", "rm", "1");
        var after = JsonDocument.Parse((await Succeeds(session, Ann, "app", "show", "1", "--json")).Stdout).RootElement;
        Assert.AreEqual("Golden App", after.GetProperty("title").GetString(), "nothing the tester tried changed the app");
        Assert.AreEqual(1, after.GetProperty("build_count").GetInt32());
    }

    [TestMethod]
    public async Task ADeveloper_BuildsAndUpdates_ButCannotDeleteOrManageCollaborators()
    {
        await using var session = await StartWithAnnsAppAsync();
        await Succeeds(session, Ann, "collab", "add", "1", Carol.Email, "--role", "developer");
        await Succeeds(session, Ann, "collab", "add", "1", Bob.Email, "--role", "tester");
        var output = session.Temp.Combine("carol-out");

        var build = await Succeeds(session, Carol, "build", "--app-id", "1", "--www", session.Www(), "--platforms", "android", "--out", output, "--poll", "0.1", "--json");
        await Succeeds(session, Carol, "rebuild", "1", "android", "--no-wait");
        await Succeeds(session, Carol, "app", "update", "1", "--title", "Carol's build");

        Assert.AreEqual(1, JsonDocument.Parse(build.Stdout).RootElement.GetProperty("appId").GetInt32(), build.Stdout);
        Assert.IsTrue(File.Exists(Path.Combine(output, "app-android.apk")));
        await RefusedForTheRole(session, Carol, "developer", "app", "rm", "1");
        await RefusedForTheRole(session, Carol, "developer", "collab", "1");
        await RefusedForTheRole(session, Carol, "developer", "collab", "add", "1", "friend@example.com", "--role", "tester");
        await RefusedForTheRole(session, Carol, "developer", "collab", "role", "1", "3", "--role", "admin");
        await RefusedForTheRole(session, Carol, "developer", "collab", "rm", "1", "3");
        var app = JsonDocument.Parse((await Succeeds(session, Ann, "app", "show", "1", "--json")).Stdout).RootElement;
        Assert.AreEqual("Carol's build", app.GetProperty("title").GetString());
        Assert.AreEqual(3, app.GetProperty("collaborators").GetProperty("active").GetArrayLength(), "Ann, Carol and Bob, as they were");
    }

    [TestMethod]
    public async Task AnAdmin_ManagesCollaborators_AndDeletesTheApp()
    {
        await using var session = await StartWithAnnsAppAsync();
        await Succeeds(session, Ann, "collab", "add", "1", Carol.Email, "--role", "admin");

        await Succeeds(session, Carol, "collab", "add", "1", Bob.Email, "--role", "tester");
        await Succeeds(session, Carol, "collab", "role", "1", "3", "--role", "developer");
        var listed = await Succeeds(session, Carol, "collab", "1", "--json");
        await Succeeds(session, Carol, "rebuild", "1", "android", "--no-wait");
        await Succeeds(session, Carol, "collab", "rm", "1", "3");
        await Succeeds(session, Carol, "app", "rm", "1");

        var active = JsonDocument.Parse(listed.Stdout).RootElement.GetProperty("active");
        Assert.AreEqual("developer", active.EnumerateArray().Single(p => p.GetProperty("person").GetString() == Bob.Email).GetProperty("role").GetString(), listed.Stdout);
        await Refused(session, Ann, "PGB2404", "app", "show", "1");
    }

    [TestMethod]
    public async Task AStranger_GetsPGB2404_ForEveryCommand_AsForAnAppThatDoesNotExist()
    {
        await using var session = await StartWithAnnsAppAsync();
        string[][] commands =
        [
            ["app", "show", "1"],
            ["status", "1"],
            ["download", "1", "android", "--out", session.Temp.Combine("dave-out")],
            ["log", "1", "android"],
            ["app", "update", "1", "--title", "Dave's"],
            ["rebuild", "1"],
            ["app", "rm", "1"],
            ["collab", "1"],
            ["collab", "add", "1", Dave.Email, "--role", "admin"],
            ["collab", "rm", "1", "1"],
        ];

        foreach (var command in commands)
        {
            var stranger = await Refused(session, Dave, "PGB2404", command);
            Assert.Contains("#1", stranger, stranger);
        }

        var apps = await Succeeds(session, Dave, "apps", "--json");
        Assert.AreEqual(0, JsonDocument.Parse(apps.Stdout).RootElement.GetProperty("apps").GetArrayLength(), apps.Stdout);
    }

    [TestMethod]
    public async Task ACollaborator_SeesTheSharedAppInApps_WithItsRole()
    {
        await using var session = await StartWithAnnsAppAsync();
        await Succeeds(session, Ann, "collab", "add", "1", Bob.Email, "--role", "tester");

        var apps = await Succeeds(session, Bob, "apps");

        var lines = apps.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.HasCount(2, lines, apps.Stdout);
        StringAssert.StartsWith(lines[1], "1 ");
        Assert.Contains("Golden App", lines[1]);
    }

    [TestMethod]
    public async Task ARemovedCollaborator_LosesTheApp_AtOnce()
    {
        await using var session = await StartWithAnnsAppAsync();
        await Succeeds(session, Ann, "collab", "add", "1", Bob.Email, "--role", "developer");
        await Succeeds(session, Bob, "app", "show", "1");

        var removed = await Succeeds(session, Ann, "collab", "rm", "1", "2");

        Assert.AreEqual("bob@example.com removed from app 1", removed.Stdout.Trim());
        await Refused(session, Bob, "PGB2404", "app", "show", "1");
    }

    [TestMethod]
    [DataRow(new[] { "collab", "add", "1", "ann@example.com", "--role", "tester" }, "owns app #1", DisplayName = "CollabAdd_OfTheOwner_IsPGB2400")]
    [DataRow(new[] { "collab", "add", "1", "bob@example.com", "--role", "admin" }, "collaborator #2 of app #1 already", DisplayName = "CollabAdd_OfSomeoneListed_IsPGB2400NamingTheirId")]
    [DataRow(new[] { "collab", "add", "1", "Bob <bob@example.com>", "--role", "admin" }, "is not an e-mail address", DisplayName = "CollabAdd_OfANameAndAddress_IsPGB2400")]
    [DataRow(new[] { "collab", "rm", "1", "1" }, "the owner of app #1", DisplayName = "CollabRm_OfTheOwner_IsPGB2400")]
    [DataRow(new[] { "collab", "role", "1", "1", "--role", "tester" }, "the owner of app #1", DisplayName = "CollabRole_OfTheOwner_IsPGB2400")]
    public async Task CollabChanges_TheServiceRefuses_ArePGB2400_WithItsText(string[] args, string text)
    {
        await using var session = await StartWithAnnsAppAsync();
        await Succeeds(session, Ann, "collab", "add", "1", Bob.Email, "--role", "tester");

        var message = await Refused(session, Ann, "PGB2400", args);

        Assert.Contains(text, message);
    }

    [TestMethod]
    public async Task CollabAdd_SaysTheRoleAsAnsweredAndTheId_ThatCollabRoleAndRmTake()
    {
        await using var session = await StartWithAnnsAppAsync();

        var added = await Succeeds(session, Ann, "collab", "add", "1", Bob.Email, "--role", "dev");
        var invited = await Succeeds(session, Ann, "collab", "add", "1", "newguy@example.com", "--role", "Tester");

        Assert.AreEqual("Shared app #1 with bob@example.com as developer (collaborator #2).", added.Stdout.Trim());
        Assert.AreEqual("Invited newguy@example.com to app #1 as tester (collaborator #3); pending until they sign up.", invited.Stdout.Trim());
    }

    /// <summary><c>pgb serve --data DIR --user ...</c> as a process: roles are kept by e-mail, so a restart with the
    /// accounts in another order keeps them, and an invitation becomes active once a start configures its account.</summary>
    [TestMethod]
    public async Task PgbServe_WithUsers_KeepsRolesAcrossARestart_AndActivatesAnInvitationWhenItsAccountComes()
    {
        using var data = new TempDirectory();
        using var work = new TempDirectory();
        static string User(PgbAccount a) => $"{a.UserName}:{a.Email}:{a.Password}:{a.Token}";
        Task<ToolRun> Pgb(ServeProcess server, PgbAccount account, params string[] args)
        {
            var variables = new Dictionary<string, string>
            {
                ["XDG_CONFIG_HOME"] = work.Combine("config"),
                ["HOME"] = work.Combine("home"),
                [ToolEnvironment.ServerUrlVariable] = server.Url.GetLeftPart(UriPartial.Authority),
                ["PGB_AUTH_TOKEN"] = account.Token,
            };
            return ToolRun.RunAsync(new ToolEnvironment(name => variables.GetValueOrDefault(name), temporaryFolder: work.Path), [.. args, "--json"]);
        }

        var www = work.Combine("www");
        Directory.CreateDirectory(www);
        File.WriteAllText(Path.Combine(www, "index.html"), "<html><body>shared</body></html>");
        using (var first = await ServeProcess.StartAsync(data.Path, "--user", User(Ann), "--user", User(Bob)))
        {
            Assert.AreEqual(ExitCodes.Success, (await Pgb(first, Ann, "app", "new", "--www", www, "--title", "Shared")).ExitCode);
            Assert.AreEqual(ExitCodes.Success, (await Pgb(first, Ann, "collab", "add", "1", Bob.Email, "--role", "tester")).ExitCode);
            var invited = await Pgb(first, Ann, "collab", "add", "1", Carol.Email, "--role", "developer");
            Assert.IsTrue(JsonDocument.Parse(invited.Stdout).RootElement.GetProperty("pending").GetBoolean(), invited.ToString());
            first.Kill();
        }

        using var second = await ServeProcess.StartAsync(data.Path, "--user", User(Carol), "--user", User(Bob), "--user", User(Ann));
        var bob = await Pgb(second, Bob, "app", "show", "1");
        var carol = await Pgb(second, Carol, "app", "update", "1", "--title", "Carol's");
        var list = await Pgb(second, Ann, "collab", "1");

        Assert.AreEqual("tester", JsonDocument.Parse(bob.Stdout).RootElement.GetProperty("role").GetString(), bob.ToString());
        Assert.AreEqual(ExitCodes.Success, carol.ExitCode, "Carol's account came: her invitation is a developer's role now\n" + carol);
        var people = JsonDocument.Parse(list.Stdout).RootElement;
        Assert.AreEqual(0, people.GetProperty("pending").GetArrayLength(), list.Stdout);
        CollectionAssert.AreEqual(new[] { Ann.Email, Bob.Email, Carol.Email }, people.GetProperty("active").EnumerateArray().Select(p => p.GetProperty("person").GetString()).ToArray());
    }

    [TestMethod]
    public async Task AWrongToken_OnACollaboratorChange_IsStillPGB2401()
    {
        await using var session = await StartWithAnnsAppAsync();
        var wrong = new PgbAccount("nobody", "nobody@example.com", "no-password", "not-a-token-000000");

        var message = await Refused(session, wrong, "PGB2401", "collab", "add", "1", Bob.Email, "--role", "tester");

        Assert.Contains("PGB_AUTH_TOKEN", message);
        Assert.DoesNotContain("not-a-token-000000", message);
    }
}
