namespace Pgb.Integration.Tests;

/// <summary>The client's rule never to send credentials to the storage host, tested against a server whose downloads are
/// on an origin of their own, as the service's were on S3.</summary>
[TestClass]
public sealed class StorageOriginTests : IntegrationTest
{
    [TestMethod]
    public async Task Pipeline_DownloadsFromTheStorageOrigin_WhichSeesNoAuthTokenAndNoAuthorization()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(100), StoragePort = 0 });
        var www = Temp.Combine("www");
        Temp.WriteFile("www/index.html", "<html><body>stored elsewhere</body></html>");
        using var client = ClientOf(server);

        var result = await new PgbPipeline(client).RunAsync(new PgbJob
        {
            Package = new PgbPackageRequest { WwwDirectory = www, OutputPath = Temp.Combine("obj", "app.zip") },
            Upload = new PgbUploadRequest { CreateApp = true, AppIdFile = Temp.Combine("obj", "app-id.txt"), Title = "Stored" },
            Platforms = ["android", "ios"],
            Wait = new PgbWaitOptions { PollInterval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(60) },
            OutputDirectory = Temp.Combine("out"),
            ArtifactName = "stored",
        });

        var storagePort = server.StorageUri!.Port;
        var storage = server.Requests.Where(r => r.Port == storagePort).ToList();
        var api = server.Requests.Where(r => r.Port == server.BaseUri.Port).ToList();
        Assert.HasCount(2, result.Artifacts);
        Assert.HasCount(2, storage, "one GET per package, on the storage origin");
        Assert.IsTrue(storage.All(r => r.Method == "GET" && r.Path.StartsWith("/storage/", StringComparison.Ordinal) && r.Status == 200));
        Assert.IsFalse(storage.Any(r => r.CarriedCredentials), "no auth_token, no Authorization to the storage host");
        Assert.IsFalse(storage.Any(r => r.Path.Contains("auth_token", StringComparison.OrdinalIgnoreCase)));
        Assert.IsTrue(api.All(r => r.CarriedCredentials), "while every API request carried them");
        Assert.IsFalse(api.Any(r => r.Path.StartsWith("/storage/", StringComparison.Ordinal)));
        foreach (var artifact in result.Artifacts)
        {
            CollectionAssert.AreEqual(server.GetArtifact(result.AppId, artifact.Platform), File.ReadAllBytes(artifact.Path));
        }
    }
}
