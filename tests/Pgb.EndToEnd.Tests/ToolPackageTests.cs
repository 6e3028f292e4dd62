using System.Text.Json;
using Pgb.Server;

namespace Pgb.EndToEnd.Tests;

[TestClass]
public sealed class ToolPackageTests
{
    [TestMethod]
    public async Task InstalledPgbTool_BuildsTheSampleAgainstALocalServer()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(200) });
        var toolPath = Path.Combine(PackagedFeed.Root, "tools");
        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = PackagedFeed.Packages };
        var install = await ProcessRunner.RunAsync("dotnet",
            ["tool", "install", "Pgb.Tool", "--tool-path", toolPath, "--add-source", PackagedFeed.Feed, "--version", PackagedFeed.Version],
            PackagedFeed.Root, environment, TimeSpan.FromMinutes(3));
        Assert.AreEqual(0, install.ExitCode, install.Output);

        var sample = Path.Combine(PackagedFeed.Repository, "samples", "HelloCordova");
        var output = Path.Combine(PackagedFeed.Root, "tool-out");
        environment["PGB_AUTH_TOKEN"] = "pgb-dev-token";
        var pgb = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "pgb.exe" : "pgb");
        var run = await ProcessRunner.RunAsync(pgb,
            ["build", "--server", server.BaseUri.AbsoluteUri, "--create", "--www", Path.Combine(sample, "www"), "--config", Path.Combine(sample, "config.xml"),
             "--platforms", "android,ios", "--out", output, "--poll", "0.2", "--json"],
            PackagedFeed.Root, environment, TimeSpan.FromMinutes(3));

        Assert.AreEqual(0, run.ExitCode, run.Output);
        using var document = JsonDocument.Parse(run.StandardOutput);
        var artifacts = document.RootElement.GetProperty("artifacts");
        Assert.AreEqual(2, artifacts.GetArrayLength(), run.Output);
        foreach (var artifact in artifacts.EnumerateArray())
        {
            Assert.IsTrue(File.Exists(artifact.GetProperty("path").GetString()), run.Output);
        }
    }

    [TestMethod]
    public async Task DotnetToolExec_RunsPgbFromTheFeedWithoutInstallingIt()
    {
        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = PackagedFeed.Packages };

        var run = await ProcessRunner.RunAsync("dotnet",
            ["tool", "exec", $"Pgb.Tool@{PackagedFeed.Version}", "--add-source", PackagedFeed.Feed, "--", "--version"],
            PackagedFeed.Root, environment, TimeSpan.FromMinutes(3));

        Assert.AreEqual(0, run.ExitCode, run.Output);
        Assert.AreEqual($"{PackagedFeed.Version}+{PackagedFeed.Commit}", run.StandardOutput.Trim(), "the version names the commit it was built from");
    }
}
