using System.Text.RegularExpressions;
using Pgb.Server;

namespace Pgb.EndToEnd.Tests;

/// <summary>
/// <c>dotnet build</c> in an interactive terminal, where the .NET SDK uses MSBuild's Terminal Logger: a live line per
/// project naming the running target, errors, and a result line; high-importance messages only at detailed verbosity
/// (docs/msbuild.md, "What the build shows").
/// </summary>
[TestClass]
public sealed class TerminalLoggerTests : SampleBuildTest
{
    [TestMethod]
    [OSCondition(OperatingSystems.Linux)] // util-linux script(1) makes the pseudo-terminal
    public async Task DotnetBuildInATerminal_NamesTheRunningStep_AndAtDetailedVerbosityListsThePackages()
    {
        // Long enough for the live display (redrawn 30 times a second) to show the wait.
        var sample = await StartAsync(TimeSpan.FromSeconds(2));

        var first = await sample.BuildInTerminalAsync(Server.BaseUri, DevToken);

        Assert.AreEqual(0, first.ExitCode, first.Seen);
        Assert.IsTrue(Regex.IsMatch(first.Seen, @"^\s*HelloCordova net10\.0 PgbWaitForBuild \(\d+\.\ds\)", RegexOptions.Multiline),
            "the Terminal Logger's live line must name the step the build waits in:\n" + first.Seen);

        // Up to date: no request, but the result lines are logged again, and -tlp:v=d shows them under the project.
        var second = await sample.BuildInTerminalAsync(Server.BaseUri, DevToken, "-tlp:v=d");

        Assert.AreEqual(0, second.ExitCode, second.Seen);
        foreach (var (platform, extension) in new[] { ("android", "apk"), ("ios", "ipa") })
        {
            var path = Path.GetFullPath(Path.Combine(sample.OutputDirectory, $"HelloCordova-{platform}.{extension}"));
            Assert.IsTrue(Regex.IsMatch(second.Seen, $@"^\s*PhoneGap Build: {platform} -> {Regex.Escape(path)}\s*$", RegexOptions.Multiline),
                $"-tlp:v=d must list the {platform} package and its path:\n{second.Seen}");
        }
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux)]
    public async Task DotnetBuildInATerminal_WhenAPlatformFails_ShowsTheCodedErrorOnTheProject()
    {
        const string message = "Provisioning profile expired";
        var sample = await StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(200), FailingPlatforms = { ["ios"] = message } });

        var result = await sample.BuildInTerminalAsync(Server.BaseUri, DevToken);

        Assert.AreNotEqual(0, result.ExitCode, result.Seen);
        Assert.IsTrue(Regex.IsMatch(result.Seen, @"^\s*HelloCordova net10\.0 Pgb\w+ \(", RegexOptions.Multiline),
            "the build did not run under the Terminal Logger:\n" + result.Seen);
        var error = Regex.Match(result.Seen, @"^\s*(?<file>\S*HelloCordova\.csproj) : error PGB3001: (?<message>.*)$", RegexOptions.Multiline);
        Assert.IsTrue(error.Success, "the terminal must show the coded error on the project file:\n" + result.Seen);
        StringAssert.Contains(error.Groups["message"].Value, message);
        Assert.DoesNotContain("   at ", result.Seen, "no stack trace");
    }
}
