using System.Text.RegularExpressions;

namespace Pgb.EndToEnd.Tests;

/// <summary>Every misconfiguration is one coded error on the user's project file, found before any request.</summary>
[TestClass]
public sealed class ConfigurationErrorTests : SampleBuildTest
{
    [TestMethod]
    [DataRow(new[] { "-p:PgbPlatforms=tizen", "-p:PgbTimeoutSeconds=soon" }, new[] { "PGB1005", "PGB1008" })]
    [DataRow(new[] { "-p:PgbWwwDir=nowhere", "-p:PgbCreateApp=false", "-p:PgbServerUrl=ftp://example" }, new[] { "PGB1003", "PGB1006", "PGB1001" })]
    [DataRow(new[] { "-p:PgbCreateApp=yes" }, new[] { "PGB1013" })]
    public async Task DotnetBuild_WithMisconfigurations_ReportsEachAsAPgbErrorOnTheProjectBeforeAnyRequest(string[] properties, string[] codes)
    {
        var sample = await StartAsync(TimeSpan.FromMilliseconds(200), nameof(DotnetBuild_WithMisconfigurations_ReportsEachAsAPgbErrorOnTheProjectBeforeAnyRequest) + "_" + codes[0]);

        var result = await sample.BuildAsync(Server.BaseUri, DevToken, properties);

        Assert.AreNotEqual(0, result.ExitCode, result.Output);
        foreach (var code in codes)
        {
            var errors = Regex.Matches(result.Output, $@"^(?<file>.*?)\s*:\s*error {code}: ", RegexOptions.Multiline);
            Assert.IsNotEmpty(errors, $"no {code} error line:\n{result.Output}");
            foreach (Match error in errors)
            {
                StringAssert.EndsWith(error.Groups["file"].Value.Trim(), "HelloCordova.csproj", $"{code} must point at the user's project file");
            }
        }

        var allCodes = Regex.Matches(result.Output, @"error (?<code>[A-Z]+\d+):").Select(m => m.Groups["code"].Value).Distinct().ToList();
        CollectionAssert.AreEquivalent(codes, allCodes, "only the coded errors, no MSB4018 'failed unexpectedly' and no PGB0000:\n" + result.Output);
        Assert.DoesNotContain("   at ", result.Output, "no stack trace");
        Assert.AreEqual(0L, Server.RequestCount, "a misconfigured build must not send anything");
    }
}
