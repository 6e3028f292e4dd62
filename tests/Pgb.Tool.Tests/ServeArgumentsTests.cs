using Pgb.Pipeline;

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
}
