using System.Runtime.InteropServices;

namespace Pgb.Tool.Tests;

/// <summary><c>pgb login</c>, <c>logout</c> and <c>whoami</c> through the real entry point against a server on port 0.</summary>
[TestClass]
public sealed class AccountCommandTests
{
    [TestMethod]
    public async Task Login_WithPasswordStdin_WritesAnOwnerOnlyFile_AndNeverPrintsTheToken()
    {
        await using var session = await CommandSession.StartAsync();

        var run = await session.RunWithStdinAsync("dev\n", "login", "--username", "dev", "--password-stdin");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.IsTrue(File.Exists(session.CredentialsPath), run.ToString());
        Assert.Contains(PgbAccount.Development.Token, File.ReadAllText(session.CredentialsPath));
        Assert.DoesNotContain(PgbAccount.Development.Token, run.All);
        Assert.Contains("Logged in to", run.Stdout);
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(session.CredentialsPath));
        }
    }

    [TestMethod]
    public async Task Login_ThenCommandsWithoutATokenVariable_UseTheStoredToken_AndTheVariableWins()
    {
        await using var session = await CommandSession.StartAsync(o => o.Accounts.Add(new PgbAccount("ann", "ann@example.com", "ann-password", "ann-token-123456")));
        Assert.AreEqual(ExitCodes.Success, (await session.RunWithStdinAsync("ann-password", "login", "--username", "ann", "--password-stdin")).ExitCode);

        var stored = await session.RunAsync("whoami", "--json");
        session["PGB_AUTH_TOKEN"] = "wrong-token-000000";
        var variable = await session.RunAsync("whoami");

        Assert.AreEqual(ExitCodes.Success, stored.ExitCode, stored.ToString());
        Assert.AreEqual("ann", JsonDocument.Parse(stored.Stdout).RootElement.GetProperty("username").GetString());
        Assert.AreEqual(ExitCodes.Server, variable.ExitCode, "a refused token is the server's answer: exit 3\n" + variable);
        Assert.Contains("PGB2401", variable.Stderr);
        Assert.DoesNotContain("wrong-token-000000", variable.All);
        Assert.DoesNotContain("ann-token-123456", stored.All + variable.All);
    }

    [TestMethod]
    public async Task Login_WithAWrongPassword_ExitsThreeWithPGB2401_AndStoresNothing()
    {
        await using var session = await CommandSession.StartAsync();

        var run = await session.RunWithStdinAsync("not-the-password", "login", "--username", "dev", "--password-stdin", "--json");

        Assert.AreEqual(ExitCodes.Server, run.ExitCode, run.ToString());
        Assert.AreEqual("PGB2401", JsonDocument.Parse(run.Stdout).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("not-the-password", run.All);
        Assert.IsFalse(File.Exists(session.CredentialsPath));
    }

    [TestMethod]
    public async Task Login_WithoutAPasswordAndNoTerminal_ExitsTwoWithPGB1017()
    {
        await using var session = await CommandSession.StartAsync();

        var run = await session.RunAsync("login", "--username", "dev");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains("PGB1017", run.Stderr);
        Assert.Contains("--password-stdin", run.Stderr);
    }

    [TestMethod]
    public async Task Logout_ForgetsTheToken_SoTheNextCommandIsNotLoggedIn()
    {
        await using var session = await CommandSession.StartAsync();
        await session.RunWithStdinAsync("dev", "login", "--username", "dev", "--password-stdin");

        var logout = await session.RunAsync("logout", "--json");
        var after = await session.RunAsync("apps");

        Assert.AreEqual(ExitCodes.Success, logout.ExitCode, logout.ToString());
        Assert.IsTrue(JsonDocument.Parse(logout.Stdout).RootElement.GetProperty("removed").GetBoolean());
        Assert.IsFalse(File.Exists(session.CredentialsPath));
        Assert.AreEqual(ExitCodes.Usage, after.ExitCode, after.ToString());
        Assert.Contains("PGB1017", after.Stderr);
    }

    [TestMethod]
    public async Task Commands_WithoutAnyServer_ExitTwoWithPGB1017()
    {
        await using var session = await CommandSession.StartAsync();
        session[ToolEnvironment.ServerUrlVariable] = null;

        var run = await session.RunAsync("apps");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains("PGB1017", run.Stderr);
    }

    [TestMethod]
    public async Task Login_RemembersTheServer_ForCommandsGivenNone()
    {
        await using var session = await CommandSession.StartAsync();
        session[ToolEnvironment.ServerUrlVariable] = null;

        var login = await session.RunWithStdinAsync("dev", "login", "--server", session.ServerUrl, "--username", "dev", "--password-stdin");
        var apps = await session.RunAsync("apps", "--json");

        Assert.AreEqual(ExitCodes.Success, login.ExitCode, login.ToString());
        Assert.AreEqual(ExitCodes.Success, apps.ExitCode, apps.ToString());
    }
}
