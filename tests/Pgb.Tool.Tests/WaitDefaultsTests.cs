using System.Globalization;

namespace Pgb.Tool.Tests;

/// <summary>
/// The wait defaults live in <see cref="PgbWaitOptions"/> alone: the tool's options show them, no MSBuild file holds a
/// copy, and the docs quote them.
/// </summary>
[TestClass]
public sealed class WaitDefaultsTests
{
    private static readonly string Timeout = Invariant(PgbWaitOptions.DefaultTimeoutSeconds);
    private static readonly string Poll = Invariant(PgbWaitOptions.DefaultPollIntervalSeconds);

    /// <summary>How the docs describe the growth of the interval: "×1.5" and "up to 30 s".</summary>
    private static readonly string Growth = "×" + PgbWaitOptions.DefaultBackoffFactor.ToString(CultureInfo.InvariantCulture);
    private static readonly string Cap = $"up to {Invariant(PgbWaitOptions.DefaultMaxPollIntervalSeconds)} s";

    [TestMethod]
    [DataRow("msbuild.md", "PgbTimeoutSeconds")]
    [DataRow("msbuild.md", "PgbPollIntervalSeconds")]
    [DataRow("pgb.md", "--timeout SECONDS")]
    [DataRow("pgb.md", "--poll SECONDS")]
    public void Docs_QuoteTheDefaultsOfPgbWaitOptions(string doc, string setting)
    {
        var row = TableRow(doc, setting);
        var isPoll = setting.Contains("oll", StringComparison.Ordinal);

        Assert.EndsWith($"| `{(isPoll ? Poll : Timeout)}` |", row);
        if (isPoll)
        {
            Assert.Contains(Growth, row);
            Assert.Contains(Cap, row);
        }
    }

    [TestMethod]
    public void CiDoc_QuotesTheDefaultTimeout()
    {
        StringAssert.Contains(File.ReadAllText(RepositoryFiles.Path("docs", "ci.md")), $"`PgbTimeoutSeconds` (default {Timeout})");
    }

    [TestMethod]
    public void MSBuildFiles_HoldNoCopyOfTheDefaults()
    {
        foreach (var file in new[] { "Pgb.Build.Tasks.props", "Pgb.Build.Tasks.targets" })
        {
            var text = File.ReadAllText(RepositoryFiles.Path("build", file));
            Assert.DoesNotMatchRegex(new Regex("<Pgb(Timeout|PollInterval)Seconds[ >]"), text, $"{file} sets a wait default; the tasks apply PgbWaitOptions' own");
        }
    }

    [TestMethod]
    public async Task BuildHelp_ShowsTheDefaultsOfPgbWaitOptions()
    {
        var run = await ToolRun.RunAsync("build", "--help");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.MatchesRegex(new Regex(@"--timeout <SECONDS>[^\n]*\[default: " + Timeout + @"\]"), run.Stdout);
        Assert.MatchesRegex(new Regex(@"--poll <SECONDS>[^\n]*\[default: " + Poll + @"\]"), run.Stdout);
    }

    private static string TableRow(string doc, string setting)
    {
        var text = File.ReadAllText(RepositoryFiles.Path("docs", doc));
        var row = text.Split('\n').Select(l => l.TrimEnd('\r')).SingleOrDefault(l => l.StartsWith($"| `{setting}` |", StringComparison.Ordinal));
        return row ?? throw new AssertFailedException($"docs/{doc} has no table row for `{setting}`");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
