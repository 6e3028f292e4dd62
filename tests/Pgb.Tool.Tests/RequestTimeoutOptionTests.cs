using System.Globalization;
using Pgb.Testing;

namespace Pgb.Tool.Tests;

/// <summary>
/// <c>pgb build --request-timeout</c> and <c>PgbRequestTimeoutSeconds</c>: one default (PgbWaitOptions', the client's
/// constant), quoted by the help, docs/pgb.md, docs/msbuild.md and the README, held by no MSBuild file.
/// </summary>
[TestClass]
public sealed class RequestTimeoutOptionTests
{
    private static readonly string Default = PgbWaitOptions.DefaultRequestTimeoutSeconds.ToString(CultureInfo.InvariantCulture);

    [TestMethod]
    [DataRow("--request-timeout=0")]
    [DataRow("--request-timeout=soon")]
    [DataRow("--request-timeout=-1")]
    public async Task Build_WithABadRequestTimeout_ExitsTwoWithPGB1008(string option)
    {
        using var app = new TestApp("unused-token");

        var run = await ToolRun.RunAsync("build", "--server", "http://127.0.0.1:1/", "--www", app.Www, "--out", app.Out,
            "--token-variable", app.TokenVariable, "--create", "--platforms", "android", option);

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB1008: --request-timeout", run.Stderr);
    }

    [TestMethod]
    public async Task BuildHelp_ShowsTheDefaultOfPgbWaitOptions()
    {
        var run = await ToolRun.RunAsync("build", "--help");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.MatchesRegex(new Regex(@"--request-timeout <SECONDS>[^\n]*\[default: " + Default + @"\]"), run.Stdout);
    }

    [TestMethod]
    [DataRow("docs/msbuild.md", "PgbRequestTimeoutSeconds")]
    [DataRow("docs/pgb.md", "--request-timeout SECONDS")]
    public void Docs_QuoteTheDefault(string doc, string setting)
    {
        var text = File.ReadAllText(RepositoryFiles.Path(doc.Split('/')));
        var row = text.Split('\n').Select(l => l.TrimEnd('\r')).SingleOrDefault(l => l.StartsWith($"| `{setting}` |", StringComparison.Ordinal));

        Assert.IsNotNull(row, $"{doc} has no table row for `{setting}`");
        Assert.EndsWith($"| `{Default}` |", row);
    }

    [TestMethod]
    public void Readme_StatesTheDefaultsInItsReliabilitySection()
    {
        var readme = File.ReadAllText(RepositoryFiles.Path("README.md"));
        var start = readme.IndexOf("## Reliability", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, "README.md has a Reliability section");
        var section = readme[start..readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal)];

        Assert.Contains($"at most {Default} s for the first byte", section);
        Assert.Contains($"{3 * PgbWaitOptions.DefaultRequestTimeoutSeconds / 60} min", section);
        Assert.Contains($"{PgbWaitOptions.DefaultNotBuiltPolls} polls", section);
        Assert.Contains($"{PgbWaitOptions.DefaultTimeoutSeconds / 60} min", section);
    }

    [TestMethod]
    public void MSBuildFiles_HoldNoCopyOfTheDefault()
    {
        foreach (var file in new[] { "Pgb.Build.Tasks.props", "Pgb.Build.Tasks.targets" })
        {
            var text = File.ReadAllText(RepositoryFiles.Path("build", file));
            Assert.DoesNotMatchRegex(new Regex("<PgbRequestTimeoutSeconds[ >]"), text, $"{file} sets the request timeout; the tasks apply PgbWaitOptions' own");
        }
    }
}
