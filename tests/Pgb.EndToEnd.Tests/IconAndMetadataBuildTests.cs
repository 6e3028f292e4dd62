namespace Pgb.EndToEnd.Tests;

/// <summary><c>PgbIcon</c> and the metadata of <c>@(PgbArtifact)</c>, through <c>dotnet build</c> of the packed sample.</summary>
[TestClass]
public sealed class IconAndMetadataBuildTests : SampleBuildTest
{
    [TestMethod]
    public async Task DotnetBuild_UploadsPgbIconWhenItChanged_AndLaterTargetsReadTheArtifactsMetadata()
    {
        var sample = await StartAsync(TimeSpan.FromMilliseconds(200));
        var icon = Path.Combine(sample.Directory, "icon.png");
        File.WriteAllBytes(icon, [0x89, 0x50, 0x4E, 0x47, 1]);
        sample.EditProject(project => project.Replace("</Project>", """
              <Target Name="ShowPackages" AfterTargets="PgbBuild">
                <Message Importance="high" Text="package %(PgbArtifact.Platform) v%(PgbArtifact.Version) build %(PgbArtifact.BuildNumber) size %(PgbArtifact.Size) sha %(PgbArtifact.Sha256) app %(PgbArtifact.AppId)" />
              </Target>
            </Project>
            """, StringComparison.Ordinal));
        string[] settings = ["-p:PgbPlatforms=android", "-p:PgbIcon=icon.png"];
        int IconUploads() => Server.Requests.Count(r => r.Method == "POST" && r.Path.Split('?')[0].EndsWith("/icon", StringComparison.Ordinal));

        var first = await sample.BuildAsync(Server.BaseUri, DevToken, settings);
        Assert.AreEqual(0, first.ExitCode, first.Output);
        Assert.AreEqual(1, IconUploads(), first.Output);
        var apk = File.ReadAllBytes(Path.Combine(sample.OutputDirectory, "HelloCordova-android.apk"));
        var sha = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(apk)).ToLowerInvariant();
        StringAssert.Contains(first.Output, $"package android v1.0.0 build ");
        StringAssert.Contains(first.Output, $"size {apk.Length} sha {sha} app {sample.CreatedAppId}");

        File.WriteAllText(Path.Combine(sample.Directory, "www", "js", "extra.js"), "console.log('extra');\n");
        var wwwChanged = await sample.BuildAsync(Server.BaseUri, DevToken, settings);
        Assert.AreEqual(0, wwwChanged.ExitCode, wwwChanged.Output);
        Assert.AreEqual(1, IconUploads(), "an unchanged icon is not uploaded again when the job reruns:\n" + wwwChanged.Output);

        File.WriteAllBytes(icon, [0x89, 0x50, 0x4E, 0x47, 2]);
        var iconChanged = await sample.BuildAsync(Server.BaseUri, DevToken, settings);
        Assert.AreEqual(0, iconChanged.ExitCode, iconChanged.Output);
        Assert.AreEqual(2, IconUploads(), "a changed icon reruns the job and is uploaded:\n" + iconChanged.Output);

        var upToDate = await sample.BuildAsync(Server.BaseUri, DevToken, settings);
        Assert.AreEqual(0, upToDate.ExitCode, upToDate.Output);
        StringAssert.Contains(upToDate.Output, $"package android v1.0.0 build ", "the metadata comes from the manifest when the job is up to date");
    }
}
