using System.Text.RegularExpressions;

namespace Pgb.EndToEnd.Tests;

[TestClass]
public sealed class MultiTargetingTests : SampleBuildTest
{
    [TestMethod]
    public async Task DotnetBuild_OfAMultiTargetingProject_RunsTheJobOnceIntoTheConfigurationFolder()
    {
        var sample = await StartAsync(TimeSpan.FromMilliseconds(200));
        MakeMultiTargeting(sample);

        var first = await sample.BuildAsync(Server.BaseUri, DevToken);

        Assert.AreEqual(0, first.ExitCode, first.Output);
        foreach (var framework in new[] { "netstandard2.0", "net10.0" })
        {
            StringAssert.Contains(first.Output, Path.Combine("bin", "Debug", framework, "HelloCordova.dll"), "both inner builds must have run");
        }

        Assert.AreEqual(1, Server.QueuedBuilds(), "one job per build, not one per target framework:\n" + first.Output);
        Assert.AreEqual(1, Server.CreatedApps(), first.Output);
        var output = Path.Combine(sample.Directory, "bin", "Debug", "pgb");
        foreach (var (platform, extension) in new[] { ("android", "apk"), ("ios", "ipa") })
        {
            var path = Path.Combine(output, $"HelloCordova-{platform}.{extension}");
            Assert.IsTrue(File.Exists(path), $"{path} is missing:\n{first.Output}");
            Assert.AreEqual(1, Regex.Matches(first.Output, $"PgbArtifact: {platform}\\|").Count, "@(PgbArtifact) comes from the one outer run:\n" + first.Output);
        }

        foreach (var framework in new[] { "netstandard2.0", "net10.0" })
        {
            Assert.IsFalse(Directory.Exists(Path.Combine(sample.Directory, "bin", "Debug", framework, "pgb")), "no per-framework copy");
        }

        var requests = Server.RequestCount;
        var second = await sample.BuildAsync(Server.BaseUri, DevToken);
        Assert.AreEqual(0, second.ExitCode, second.Output);
        Assert.AreEqual(requests, Server.RequestCount, "an up-to-date multi-targeting build must not talk to the server:\n" + second.Output);
        StringAssert.Contains(second.Output, "PgbArtifact: android|");

        var clean = await sample.CleanAsync(Server.BaseUri);
        Assert.AreEqual(0, clean.ExitCode, clean.Output);
        Assert.IsFalse(File.Exists(Path.Combine(output, "HelloCordova-android.apk")), "dotnet clean of the outer build removes the artifacts");
        Assert.IsFalse(File.Exists(Path.Combine(output, "HelloCordova-ios.ipa")));
    }

    /// <summary>
    /// netstandard2.0;net10.0: the only SDK here is 10.0 and no other targeting pack is installed, but
    /// netstandard2.0 needs just the NETStandard.Library package, which the repository's own restore
    /// already put in the package cache: copy it into the test feed.
    /// </summary>
    private static void MakeMultiTargeting(SampleProject sample)
    {
        sample.EditProject(text => text
            .Replace("<OutputType>Exe</OutputType>", "<OutputType>Library</OutputType>", StringComparison.Ordinal)
            .Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>netstandard2.0;net10.0</TargetFrameworks><LangVersion>latest</LangVersion>", StringComparison.Ordinal));
        File.Delete(Path.Combine(sample.Directory, "Program.cs"));
        File.WriteAllText(Path.Combine(sample.Directory, "Greeting.cs"), "namespace HelloCordova;\npublic static class Greeting { public const string Text = \"Hello\"; }\n");

        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var (id, version) in new[] { ("netstandard.library", "2.0.3"), ("microsoft.netcore.platforms", "1.1.0") })
        {
            var nupkg = Path.Combine(cache, id, version, $"{id}.{version}.nupkg");
            if (!File.Exists(nupkg))
            {
                Assert.Fail($"{nupkg} is not in the package cache; restore the repository (its netstandard2.0 projects need it) first");
            }

            File.Copy(nupkg, Path.Combine(PackagedFeed.Feed, Path.GetFileName(nupkg)), overwrite: true);
        }
    }
}
