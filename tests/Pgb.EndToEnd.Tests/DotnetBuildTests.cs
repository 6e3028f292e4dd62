using System.Text.RegularExpressions;
using Pgb.Server;

namespace Pgb.EndToEnd.Tests;

[TestClass]
public sealed class DotnetBuildTests : SampleBuildTest
{
    [TestMethod]
    public async Task DotnetBuild_DownloadsAnArtifactPerPlatform_AndAnUnchangedSecondBuildMakesNoRequest()
    {
        var sample = await StartAsync(TimeSpan.FromMilliseconds(300));

        var first = await sample.BuildAsync(Server.BaseUri, DevToken);
        Assert.AreEqual(0, first.ExitCode, first.Output);

        var appId = int.Parse(File.ReadAllText(Path.Combine(sample.Directory, "obj", "pgb", "app-id.txt")).Trim());
        foreach (var (platform, extension) in new[] { ("android", "apk"), ("ios", "ipa") })
        {
            var path = Path.Combine(sample.OutputDirectory, $"HelloCordova-{platform}.{extension}");
            Assert.IsTrue(File.Exists(path), $"{path} is missing:\n{first.Output}");
            CollectionAssert.AreEqual(Server.GetArtifact(appId, platform), File.ReadAllBytes(path), $"{platform} bytes differ from what the server produced");
            StringAssert.Contains(first.Output, $"PgbArtifact: {platform}|{appId}|", "the @(PgbArtifact) item is missing");
            StringAssert.Contains(first.Output, Path.GetFullPath(path));
        }

        var requestsAfterFirst = Server.RequestCount;
        var second = await sample.BuildAsync(Server.BaseUri, DevToken);
        Assert.AreEqual(0, second.ExitCode, second.Output);
        Assert.AreEqual(requestsAfterFirst, Server.RequestCount, "an up-to-date build must not talk to the server:\n" + second.Output);
        StringAssert.Contains(second.Output, $"PgbArtifact: android|{appId}|", "@(PgbArtifact) must be there when the job is skipped");
        StringAssert.Contains(second.Output, $"PgbArtifact: ios|{appId}|");
    }

    [TestMethod]
    public async Task DotnetBuild_AfterAChangeInWww_UploadsAgainToTheSameApp()
    {
        var sample = await StartAsync(TimeSpan.FromMilliseconds(200));
        var first = await sample.BuildAsync(Server.BaseUri, DevToken);
        Assert.AreEqual(0, first.ExitCode, first.Output);
        var appIdFile = Path.Combine(sample.Directory, "obj", "pgb", "app-id.txt");
        var appId = File.ReadAllText(appIdFile).Trim();

        File.Delete(Path.Combine(sample.Directory, "www", "css", "index.css"));
        var requestsBefore = Server.RequestCount;
        var second = await sample.BuildAsync(Server.BaseUri, DevToken);

        Assert.AreEqual(0, second.ExitCode, second.Output);
        Assert.IsGreaterThan(requestsBefore, Server.RequestCount, "a deleted www file must rerun the job");
        Assert.AreEqual(appId, File.ReadAllText(appIdFile).Trim(), "the created app is updated, not created again");
        StringAssert.Contains(second.Output, "Uploaded");
    }

    [TestMethod]
    public async Task DotnetBuild_WhenTheServerFailsAPlatform_FailsWithPGB3001AndTheServersMessage()
    {
        const string message = "Keystore was tampered with, or password was incorrect";
        var sample = await StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(200), FailingPlatforms = { ["ios"] = message } });

        var result = await sample.BuildAsync(Server.BaseUri, DevToken);

        Assert.AreNotEqual(0, result.ExitCode, result.Output);
        var error = Regex.Match(result.Output, @"^(?<file>.*?)\s*:\s*error PGB3001: (?<message>.*)$", RegexOptions.Multiline);
        Assert.IsTrue(error.Success, "no PGB3001 error line:\n" + result.Output);
        StringAssert.Contains(error.Groups["message"].Value, message);
        StringAssert.EndsWith(error.Groups["file"].Value.Trim(), "HelloCordova.csproj", "the error must point at the user's project file");
        AssertTheCiProblemMatcherAnnotates(result.Output, "PGB3001", message);
        Assert.IsFalse(File.Exists(Path.Combine(sample.Directory, "obj", "Debug", "net10.0", "pgb", "artifacts.tsv")), "a failed run must not look up to date");
    }

    /// <summary>
    /// samples/ci/pgb-problem-matcher.json is what turns these lines into GitHub annotations: its regex (the
    /// subset of JavaScript's that .NET reads the same) must find the file, the code and the message.
    /// </summary>
    private static void AssertTheCiProblemMatcherAnnotates(string output, string code, string message)
    {
        var matcher = Path.Combine(PackagedFeed.Repository, "samples", "ci", "pgb-problem-matcher.json");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(matcher));
        var pattern = json.RootElement.GetProperty("problemMatcher")[0].GetProperty("pattern")[0];
        var regex = new Regex(pattern.GetProperty("regexp").GetString()!);
        var hit = output.Split('\n').Select(line => regex.Match(line.TrimEnd('\r'))).FirstOrDefault(m => m.Success);
        Assert.IsNotNull(hit, "the problem matcher finds no error line in:\n" + output);
        Assert.AreEqual(code, hit.Groups[pattern.GetProperty("code").GetInt32()].Value);
        Assert.AreEqual("error", hit.Groups[pattern.GetProperty("severity").GetInt32()].Value);
        StringAssert.EndsWith(hit.Groups[pattern.GetProperty("file").GetInt32()].Value, "HelloCordova.csproj");
        StringAssert.Contains(hit.Groups[pattern.GetProperty("message").GetInt32()].Value, message);
        Assert.IsFalse(hit.Groups[pattern.GetProperty("message").GetInt32()].Value.EndsWith(".csproj]", StringComparison.Ordinal), "the [project] suffix is not part of the message");
    }

    [TestMethod]
    public async Task DotnetBuild_WhenTheTokenVariableIsEmpty_FailsWithPGB1002WithoutARequest()
    {
        var sample = await StartAsync(new PgbServerOptions());

        var result = await sample.BuildAsync(Server.BaseUri, token: null);

        Assert.AreNotEqual(0, result.ExitCode, result.Output);
        StringAssert.Contains(result.Output, "error PGB1002");
        StringAssert.Contains(result.Output, "PGB_AUTH_TOKEN");
        Assert.AreEqual(0L, Server.RequestCount);
        Assert.DoesNotContain("   at ", result.Output, "no stack trace in a user-facing error");
    }

    [TestMethod]
    public async Task DotnetBuild_WithABinaryLog_NeverRecordsTheToken()
    {
        const string secret = "s3cret-token-4f0d9a7e";
        var options = new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(200) };
        options.Accounts.Add(new PgbAccount("ci", "ci@localhost", "ci-password", secret));
        var sample = await StartAsync(options);
        var binlog = Path.Combine(sample.Directory, "build.binlog");

        // A configured account has no signing key, so its apps' ios is not built (PGB3004): android only.
        var result = await sample.BuildAsync(Server.BaseUri, secret, "-bl:" + binlog, "-v:diag", "-p:PgbPlatforms=android");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        Assert.DoesNotContain(secret, result.Output, "the token leaked into the console log");
        var text = BinaryLogText.Read(binlog);
        Assert.IsGreaterThan(1000, text.Length, "the binlog could not be read");
        StringAssert.Contains(text, "PgbUpload", "the binlog does not hold the task log it should");
        Assert.DoesNotContain(secret, text, "the token leaked into the binary log");
    }
}
