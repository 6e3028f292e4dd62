namespace Pgb.Pipeline.Tests;

[TestClass]
public sealed class PlatformAndSettingsTests
{
    [TestMethod]
    [DataRow("android;ios", new[] { "android", "ios" })]
    [DataRow("Android, iOS", new[] { "android", "ios" })]
    [DataRow("windows", new[] { "winphone" })]
    [DataRow(" ios ; android;ios ", new[] { "ios", "android" })]
    [DataRow("android,blackberry webos", new[] { "android", "blackberry", "webos" })]
    public void ParsePlatforms_NormalizesNamesAndDropsDuplicates(string text, string[] expected) =>
        CollectionAssert.AreEqual(expected, PgbPlatformList.Parse(text).ToArray());

    [TestMethod]
    public void ParsePlatforms_WhenUnknown_FailsWithPGB1005NamingIt()
    {
        var ex = Assert.ThrowsExactly<PgbPipelineException>(() => PgbPlatformList.Parse("android;tizen"));

        Assert.AreEqual(PgbErrorCodes.PlatformUnknown, ex.Code);
        Assert.AreEqual("PGB1005", ex.Code);
        Assert.Contains("'tizen'", ex.Message);
        Assert.Contains("winphone", ex.Message);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow(" ; , ")]
    [DataRow(null)]
    public void ParsePlatforms_WhenEmpty_FailsWithPGB1009(string? text)
    {
        var ex = Assert.ThrowsExactly<PgbPipelineException>(() => PgbPlatformList.Parse(text));

        Assert.AreEqual(PgbErrorCodes.NoPlatforms, ex.Code);
        Assert.AreEqual("PGB1009", ex.Code);
    }

    [TestMethod]
    [DataRow("ftp://build.example")]
    [DataRow("build.example")]
    [DataRow("")]
    public void ParseServerUrl_WhenNotAbsoluteHttp_FailsWithPGB1001(string text)
    {
        var ex = Assert.ThrowsExactly<PgbPipelineException>(() => PgbServerSettings.ParseServerUrl(text));

        Assert.AreEqual(PgbErrorCodes.ServerUrlInvalid, ex.Code);
    }

    [TestMethod]
    public void ParseServerUrl_WithToken_RedactsItInTheMessage()
    {
        var ex = Assert.ThrowsExactly<PgbPipelineException>(() => PgbServerSettings.ParseServerUrl("ftp://x/?auth_token=leaky"));

        Assert.DoesNotContain("leaky", ex.Message);
    }

    [TestMethod]
    public void TokenFromEnvironment_WhenVariableIsUnset_FailsWithPGB1002NamingTheVariable()
    {
        var name = "PGB_TEST_UNSET_" + Guid.NewGuid().ToString("N");

        var ex = Assert.ThrowsExactly<PgbPipelineException>(() => PgbServerSettings.TokenFromEnvironment(name));

        Assert.AreEqual(PgbErrorCodes.TokenMissing, ex.Code);
        Assert.Contains(name, ex.Message);
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("-3")]
    [DataRow("12a")]
    public void ParseAppId_WhenNotPositive_FailsWithPGB1007(string text) =>
        Assert.AreEqual(PgbErrorCodes.AppIdInvalid, Assert.ThrowsExactly<PgbPipelineException>(() => PgbServerSettings.ParseAppId(text)).Code);

    [TestMethod]
    public void ParseSeconds_ReadsInvariantDecimals() =>
        Assert.AreEqual(TimeSpan.FromSeconds(1.5), PgbServerSettings.ParseSeconds("The timeout", "1.5"));

    [TestMethod]
    [DataRow("1e-300")]
    [DataRow("0.00000001")]
    public void ParseSeconds_WhenPositiveButBelowOneTick_FailsWithPGB1008QuotingTheInput(string text)
    {
        // Such a value is a TimeSpan of zero: accepted here, it came back later as "not '0'", past the server start.
        var ex = Assert.ThrowsExactly<PgbPipelineException>(() => PgbServerSettings.ParseSeconds("--poll", text));

        Assert.AreEqual(PgbErrorCodes.TimingInvalid, ex.Code);
        Assert.Contains("--poll", ex.Message);
        Assert.Contains(text, ex.Message);
    }

    [TestMethod]
    public void TokenFromVariable_WhenBlank_FailsWithPGB1002NamingTheVariable()
    {
        var ex = Assert.ThrowsExactly<PgbPipelineException>(() => PgbServerSettings.TokenFromVariable("CI_PGB_TOKEN", "  "));

        Assert.AreEqual(PgbErrorCodes.TokenMissing, ex.Code);
        Assert.Contains("CI_PGB_TOKEN", ex.Message);
    }
}
