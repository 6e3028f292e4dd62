using System.Runtime.InteropServices;

namespace Pgb.Pipeline.Tests;

/// <summary>The credentials file of <c>pgb login</c>: where it goes, who may read it, how servers are keyed, which token wins.</summary>
[TestClass]
public sealed class CredentialStoreTests
{
    private static readonly Uri Server = new("http://127.0.0.1:5000");

    [TestMethod]
    public void Save_WritesAFileOnlyItsOwnerCanRead()
    {
        using var temp = new TempDirectory();
        var store = new PgbCredentialStore(temp.Combine("config", "pgb", PgbCredentialStore.FileName));

        store.Save(Server, "dev", "pgb-dev-token");

        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(store.Path)!));
        }

        Assert.IsEmpty(Directory.GetFiles(Path.GetDirectoryName(store.Path)!, "*.partial"));
    }

    [TestMethod]
    [DataRow("http://127.0.0.1:5000/")]
    [DataRow("HTTP://127.0.0.1:5000")]
    [DataRow("http://127.0.0.1:5000/?x=1")]
    public void Find_KeysTheServerWithoutCaseSlashOrQuery(string asked)
    {
        using var temp = new TempDirectory();
        var store = new PgbCredentialStore(temp.Combine("credentials.json"));
        store.Save(Server, "dev", "pgb-dev-token");

        var login = store.Find(new Uri(asked));

        Assert.IsNotNull(login);
        Assert.AreEqual("pgb-dev-token", login.Token);
        Assert.AreEqual("dev", login.UserName);
        Assert.DoesNotContain("pgb-dev-token", login.ToString());
    }

    [TestMethod]
    public void Save_KeepsOneTokenPerServer_AndTheLastServerIsTheDefault()
    {
        using var temp = new TempDirectory();
        var store = new PgbCredentialStore(temp.Combine("credentials.json"));
        var other = new Uri("https://build.example/pgb/");

        store.Save(Server, "dev", "first-token");
        store.Save(other, "ann", "second-token");
        store.Save(Server, "dev", "third-token");

        Assert.AreEqual("third-token", store.Find(Server)!.Token);
        Assert.AreEqual("second-token", store.Find(other)!.Token);
        Assert.AreEqual(new Uri("http://127.0.0.1:5000/"), store.DefaultServer);
    }

    [TestMethod]
    public void Remove_ForgetsTheServer_AndTheLastRemovalDeletesTheFile()
    {
        using var temp = new TempDirectory();
        var store = new PgbCredentialStore(temp.Combine("credentials.json"));
        store.Save(Server, "dev", "pgb-dev-token");

        Assert.IsTrue(store.Remove(Server));
        Assert.IsFalse(store.Remove(Server));
        Assert.IsNull(store.Find(Server));
        Assert.IsNull(store.DefaultServer);
        Assert.IsFalse(File.Exists(store.Path));
    }

    [TestMethod]
    public void Read_OfAFileThatIsNotJson_FailsWithPGB4006WithoutQuotingIt()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteFile("credentials.json", "secret-token-not-json");
        var store = new PgbCredentialStore(path);

        var ex = Assert.ThrowsExactly<PgbPipelineException>(() => store.Find(Server));

        Assert.AreEqual(PgbErrorCodes.CredentialsUnreadable, ex.Code);
        Assert.DoesNotContain("secret-token", ex.Message);
    }

    [TestMethod]
    public void Save_WhereTheFolderIsAFile_FailsWithPGB4005()
    {
        using var temp = new TempDirectory();
        var blocker = temp.WriteFile("pgb", "a file, not a folder");
        var store = new PgbCredentialStore(Path.Combine(blocker, "credentials.json"));

        var ex = Assert.ThrowsExactly<PgbPipelineException>(() => store.Save(Server, "dev", "pgb-dev-token"));

        Assert.AreEqual(PgbErrorCodes.CredentialsWriteFailed, ex.Code);
    }

    [TestMethod]
    [DataRow(false, "/xdg/pgb/credentials.json")]
    [DataRow(true, "/home/me/.config/pgb/credentials.json")]
    public void DefaultPath_IsUnderXdgConfigHomeElseHomeConfig(bool withoutXdg, string expected)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Assert.Inconclusive("Windows keeps it under %APPDATA%");
        }

        var variables = new Dictionary<string, string> { ["HOME"] = "/home/me" };
        if (!withoutXdg)
        {
            variables["XDG_CONFIG_HOME"] = "/xdg";
        }

        Assert.AreEqual(expected, PgbCredentialStore.DefaultPath(name => variables.GetValueOrDefault(name)));
    }

    [TestMethod]
    public void TokenSource_TheVariableWinsOverTheStoredLogin()
    {
        using var temp = new TempDirectory();
        var store = new PgbCredentialStore(temp.Combine("credentials.json"));
        store.Save(Server, "dev", "stored-token");

        var fromVariable = PgbTokenSource.Resolve("PGB_AUTH_TOKEN", "variable-token", store, Server);
        var fromLogin = PgbTokenSource.Resolve("PGB_AUTH_TOKEN", null, store, Server);

        Assert.AreEqual("variable-token", fromVariable.Token);
        Assert.IsNull(fromVariable.Login);
        Assert.AreEqual("stored-token", fromLogin.Token);
        Assert.IsNotNull(fromLogin.Login);
        Assert.DoesNotContain("token", fromLogin.ToString().Replace("PGB_AUTH_TOKEN", string.Empty, StringComparison.Ordinal));
    }

    [TestMethod]
    public void TokenSource_WithNeither_FailsWithPGB1017NamingBothWays()
    {
        using var temp = new TempDirectory();
        var store = new PgbCredentialStore(temp.Combine("credentials.json"));

        var ex = Assert.ThrowsExactly<PgbPipelineException>(() => PgbTokenSource.Resolve("MY_TOKEN", " ", store, Server));

        Assert.AreEqual(PgbErrorCodes.NotLoggedIn, ex.Code);
        Assert.Contains("MY_TOKEN", ex.Message);
        Assert.Contains("pgb login", ex.Message);
    }
}
