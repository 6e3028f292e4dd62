namespace Pgb.Tool.Tests;

/// <summary>
/// <c>pgb login</c> as a person runs it: pgb.dll as its own process on a pseudo-terminal, prompting for the password,
/// which the test types once the prompt is on the screen. What the terminal showed is everything the person saw.
/// </summary>
[TestClass]
public sealed class LoginTerminalTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [TestMethod]
    public async Task Login_OnATerminal_PromptsForThePasswordMasked_StoresAnOwnerOnlyFile_AndShowsNoSecret()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("pseudo-terminals here come from util-linux script");
            return;
        }

        var ann = TestAccounts.Ann;
        await using var server = await PgbServer.StartAsync(new PgbServerOptions().WithAll(), CancellationToken.None);
        using var temp = new TempDirectory();
        var config = temp.Combine("config");
        var serverUrl = server.BaseUri.GetLeftPart(UriPartial.Authority);
        using var terminal = TerminalSession.Start(["dotnet", ServeProcess.PgbDll, "login", "--server", serverUrl, "--username", ann.UserName], temp.Path,
            new Dictionary<string, string?>
            {
                ["XDG_CONFIG_HOME"] = config,
                ["HOME"] = temp.Combine("home"),
                ["PGB_AUTH_TOKEN"] = null,
                ["PGB_SERVER_URL"] = null,
            });

        await terminal.WaitForAsync($"Password for {ann.UserName}:", Timeout);
        await terminal.TypeAsync(ann.Password + "\r");
        var exitCode = await terminal.WaitForExitAsync(Timeout);

        var seen = terminal.Seen;
        Assert.AreEqual(ExitCodes.Success, exitCode, seen);
        Assert.Contains("Logged in to", seen);
        Assert.Contains(new string('*', ann.Password.Length), seen, "each typed character shows as a mask");
        Assert.DoesNotContain(ann.Password, seen, "the password is never echoed");
        Assert.DoesNotContain(ann.Token, seen, "the token is never printed");
        var credentials = Path.Combine(config, "pgb", "credentials.json");
        Assert.IsTrue(File.Exists(credentials), seen);
        Assert.Contains(ann.Token, File.ReadAllText(credentials));
        Assert.DoesNotContain(ann.Password, File.ReadAllText(credentials), "the password is never stored");
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(credentials)!));
    }
}
