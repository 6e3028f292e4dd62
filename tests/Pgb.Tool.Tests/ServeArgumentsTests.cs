namespace Pgb.Tool.Tests;

[TestClass]
public sealed class ServeArgumentsTests
{
    [TestMethod]
    public void ParseUser_ReadsFourFields_AndThePasswordMayHoldColons()
    {
        var account = ServeArguments.ParseUser("ann:ann@example.com:pa:ss:tok", 1);

        Assert.AreEqual("ann", account.UserName);
        Assert.AreEqual("ann@example.com", account.Email);
        Assert.AreEqual("pa:ss", account.Password);
        Assert.AreEqual("tok", account.Token);
    }

    [TestMethod]
    [DataRow("ann")]
    [DataRow("ann:ann@example.com:pw")]
    [DataRow(":ann@example.com:pw:tok")]
    [DataRow("ann::pw:tok")]
    [DataRow("ann:ann@example.com::tok")]
    [DataRow("ann:ann@example.com:pw:")]
    public void ParseUser_WithAMissingPart_FailsWithPGB1000_WithoutRepeatingTheValue(string text)
    {
        var error = Assert.ThrowsExactly<PgbToolException>(() => ServeArguments.ParseUser(text, 2));

        Assert.AreEqual(ToolErrorCodes.InvalidArguments, error.Code);
        Assert.Contains("--user #2", error.Message);
        if (text.Length > 3)
        {
            Assert.DoesNotContain(text, error.Message);
        }
    }

    [TestMethod]
    public void ParseFailure_NormalizesThePlatform_AndKeepsTheMessageWhole()
    {
        var failure = ServeArguments.ParseFailure("Windows=Bad = certificate");

        Assert.AreEqual("winphone", failure.Key);
        Assert.AreEqual("Bad = certificate", failure.Value);
    }

    [TestMethod]
    public void ParseFailure_WithSeveralPlatforms_FailsWithPGB1000InsteadOfKeepingTheFirst()
    {
        var error = Assert.ThrowsExactly<PgbToolException>(() => ServeArguments.ParseFailure("android,ios=Bad certificate"));

        Assert.AreEqual(ToolErrorCodes.InvalidArguments, error.Code);
        Assert.Contains("repeat --fail", error.Message);
    }

    [TestMethod]
    [DataRow("ann:ann@example.com:pw:t1", "annie:ANN@example.com:pw:t2", "e-mail")]
    [DataRow("ann:ann@example.com:pw:t1", "ANN:other@example.com:pw:t2", "user name")]
    [DataRow("ann:ann@example.com:pw:secret-token", "bob:bob@example.com:pw:secret-token", "token")]
    public void CheckDistinct_WithTwoAccountsSharingAnIdentity_FailsWithPGB1000NamingThePositions(string first, string second, string what)
    {
        var accounts = new[] { ServeArguments.ParseUser("carol:carol@example.com:pw:t0", 1), ServeArguments.ParseUser(first, 2), ServeArguments.ParseUser(second, 3) };

        var error = Assert.ThrowsExactly<PgbToolException>(() => ServeArguments.CheckDistinct(accounts));

        Assert.AreEqual(ToolErrorCodes.InvalidArguments, error.Code);
        Assert.Contains($"--user #2 and --user #3 have the same {what}", error.Message);
        Assert.DoesNotContain("secret-token", error.Message);
    }

    [TestMethod]
    [DataRow("build.example.com")]
    [DataRow("10.0.0.5")]
    [DataRow("[::1]")]
    public void ParseAllowedHost_TakesNamesAndAddresses(string host)
    {
        Assert.AreEqual(host, ServeArguments.ParseAllowedHost(host));
    }
}
