using System.IO.Compression;

namespace Pgb.Integration.Tests;

[TestClass]
public sealed class ClientServerTests : IntegrationTest
{
    [TestInitialize]
    public void CreateApp()
    {
        Temp.WriteFile("www/index.html", "<html><body>Hello</body></html>");
        File.WriteAllText(Temp.Combine("config.xml"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <widget xmlns="http://www.w3.org/ns/widgets" id="com.example.it" version="2.0.0"><name>Integration App</name></widget>
            """);
    }

    [TestMethod]
    public async Task Client_CreatesAppFromZip_QueuesAndroidAndIos_Waits_AndDownloadsWhatTheServerProduced()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(300) });
        using var client = ClientOf(server);
        var pipeline = new PgbPipeline(client);
        var archive = await PgbPackager.PackageAsync(new PgbPackageRequest
        {
            WwwDirectory = Temp.Combine("www"),
            ConfigXml = Temp.Combine("config.xml"),
            OutputPath = Temp.Combine("app.zip"),
        });

        var created = await client.CreateAppFromFileAsync(new PgbAppCreateOptions { Title = "From the test" }, archive.ArchivePath);
        Assert.IsGreaterThan(0, created.Id);
        await client.QueueBuildAsync(created.Id, ["android", "ios"]);
        var built = await pipeline.WaitForCompletionAsync(created.Id, ["android", "ios"], FastWait);
        Assert.AreEqual("complete", built.StatusOf("android"));
        Assert.AreEqual("complete", built.StatusOf("ios"));

        foreach (var (platform, extension) in new[] { ("android", "apk"), ("ios", "ipa") })
        {
            var target = Temp.Combine("out", $"app.{extension}");
            var result = await client.DownloadAsync(created.Id, platform, target);
            CollectionAssert.AreEqual(server.GetArtifact(created.Id, platform), File.ReadAllBytes(target), platform);
            Assert.AreEqual(new FileInfo(target).Length, result.Length);
            Assert.AreEqual(server.BaseUri.Host, result.Location.Host, "the location is absolute and points at the server's storage");
            Assert.DoesNotContain("auth_token", result.Location.Query, "storage locations carry no credentials");
        }

        Assert.IsEmpty(Directory.GetFiles(Temp.Combine("out"), "*.partial"), "no partial file may remain");
    }

    [TestMethod]
    public async Task Pipeline_RunAsync_BuildsBothPlatformsAndUpdatesTheRememberedAppTheSecondTime()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(200) });
        using var client = ClientOf(server);
        var pipeline = new PgbPipeline(client);
        PgbJob Job() => new()
        {
            Package = new PgbPackageRequest { WwwDirectory = Temp.Combine("www"), ConfigXml = Temp.Combine("config.xml"), OutputPath = Temp.Combine("obj", "app.zip") },
            Upload = new PgbUploadRequest { CreateApp = true, AppIdFile = Temp.Combine("obj", "app-id"), Title = "Run" },
            Platforms = ["android", "ios"],
            Wait = FastWait,
            OutputDirectory = Temp.Combine("out"),
            ArtifactName = "Run",
        };

        var first = await pipeline.RunAsync(Job());
        var second = await pipeline.RunAsync(Job());

        Assert.AreEqual(first.AppId, second.AppId, "the second run updates the app the first one created");
        Assert.HasCount(1, await client.GetAppsAsync());
        CollectionAssert.AreEqual(new[] { "android", "ios" }, second.Artifacts.Select(a => a.Platform).ToArray());
        foreach (var artifact in second.Artifacts)
        {
            CollectionAssert.AreEqual(server.GetArtifact(second.AppId, artifact.Platform), File.ReadAllBytes(artifact.Path));
        }

        Assert.AreEqual(Temp.Combine("out", "Run-android.apk"), second.Artifacts[0].Path);
        Assert.AreEqual(Temp.Combine("out", "Run-ios.ipa"), second.Artifacts[1].Path);
    }

    [TestMethod]
    public async Task Pipeline_WhenTheServerFailsIos_FailsWithPGB3001AndTheServersText()
    {
        var options = new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(200) };
        options.FailingPlatforms["ios"] = "Provisioning profile does not match";
        await using var server = await PgbServer.StartAsync(options);
        using var client = ClientOf(server);
        var archive = Temp.Combine("app.zip");
        ZipFile.CreateFromDirectory(Temp.Combine("www"), archive);
        var app = await client.CreateAppFromFileAsync(new PgbAppCreateOptions { Title = "Failing" }, archive);
        var pipeline = new PgbPipeline(client);
        await pipeline.QueueBuildAsync(app.Id, ["android", "ios"]);

        var error = await Assert.ThrowsExactlyAsync<PgbPipelineException>(() => pipeline.WaitForCompletionAsync(app.Id, ["android", "ios"], FastWait));

        Assert.AreEqual(PgbErrorCodes.BuildFailed, error.Code);
        StringAssert.Contains(error.Message, "Provisioning profile does not match");
    }

    [TestMethod]
    public async Task Client_WithAWrongToken_GetsA401WithTheServersJsonError()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions());
        using var client = new PgbClient(server.BaseUri, PgbCredential.FromToken("wrong-token-value"));

        var error = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetMeAsync());

        Assert.AreEqual(401, error.Status);
        Assert.IsFalse(string.IsNullOrEmpty(error.ErrorMessage), "the server's {\"error\":...} text is carried");
        Assert.DoesNotContain("wrong-token-value", error.Message);
    }

    [TestMethod]
    public async Task Client_WithBasicAuth_GetsTheTokenFromPostToken_AndUsesIt()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions());
        using var basic = new PgbClient(server.BaseUri, PgbCredential.FromBasic("dev@localhost", "dev"));

        var token = await basic.RequestTokenAsync();
        using var client = new PgbClient(server.BaseUri, PgbCredential.FromToken(token));
        var me = await client.GetMeAsync();

        Assert.AreEqual(PgbAccount.Development.Token, token);
        Assert.AreEqual("dev", me.UserName);
    }

    [TestMethod]
    public async Task Client_GetApp_WhenTheAppDoesNotExist_Gets404WithTheServersMessage()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions());
        using var client = ClientOf(server);

        var error = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(424242));

        Assert.AreEqual(404, error.Status);
        StringAssert.Contains(error.ErrorMessage, "424242");
    }
}
