using System.IO.Compression;

namespace Pgb.Integration.Tests;

/// <summary>A repo-backed app end to end: the client creates it from a local git repository (file://), the server clones
/// and builds it, a change is committed and pulled, and the change is inside the apk the client downloads.</summary>
[TestClass]
public sealed class RepositoryPullTests : IntegrationTest
{
    [TestMethod]
    public async Task RepoApp_ClonedBuiltChangedAndPulled_TheDownloadedApkHoldsTheChange()
    {
        using var repository = await GitRepository.CordovaAsync("Pulled App", "version one");
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(100) });
        using var client = ClientOf(server);
        var pipeline = new PgbPipeline(client);

        var app = await client.CreateAppFromRepoAsync(new PgbAppCreateOptions { Title = "Pulled App", Repo = repository.Url });
        await pipeline.WaitForCompletionAsync(app.Id, ["android"], FastWait);
        var first = Temp.Combine("first.apk");
        await client.DownloadAsync(app.Id, "android", first);

        repository.Write("www/index.html", "<html><body>version two</body></html>");
        repository.Write("www/js/new.js", "added()");
        await repository.CommitAsync("second");
        var pulled = await client.PullAppAsync(app.Id);
        await pipeline.WaitForCompletionAsync(app.Id, ["android"], FastWait);
        var second = Temp.Combine("second.apk");
        await client.DownloadAsync(app.Id, "android", second);

        Assert.AreEqual(repository.Url, pulled.Repo);
        Assert.AreEqual("<html><body>version one</body></html>", Read(first, "assets/www/index.html"));
        Assert.AreEqual("<html><body>version two</body></html>", Read(second, "assets/www/index.html"));
        Assert.AreEqual("added()", Read(second, "assets/www/js/new.js"));
        StringAssert.Contains(Read(second, "assets/config.xml"), "<name>Pulled App</name>");
    }

    [TestMethod]
    public async Task Pipeline_ForARepoApp_PullsInsteadOfUploading_AndDownloadsWhatWasFetched()
    {
        using var repository = await GitRepository.CreateAsync(("index.html", "<p>from git</p>"));
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(100) });
        using var client = ClientOf(server);
        var app = await client.CreateAppFromRepoAsync(new PgbAppCreateOptions { Title = "Piped", Repo = repository.Url });
        repository.Write("index.html", "<p>from git, later</p>");
        await repository.CommitAsync();

        var result = await new PgbPipeline(client).RunAsync(new PgbJob
        {
            Upload = new PgbUploadRequest { AppId = app.Id, RepoUrl = repository.Url },
            Platforms = ["android", "ios"],
            Wait = FastWait,
            OutputDirectory = Temp.Combine("out"),
            ArtifactName = "piped",
        });

        var apk = result.Artifacts.Single(a => a.Platform == "android").Path;
        var ipa = result.Artifacts.Single(a => a.Platform == "ios").Path;
        Assert.AreEqual("<p>from git, later</p>", Read(apk, "assets/www/index.html"));
        Assert.AreEqual("<p>from git, later</p>", Read(ipa, "Payload/Piped.app/www/index.html"), "the development account's default ios key gets ios built");
    }

    private static string Read(string package, string entry)
    {
        using var zip = ZipFile.OpenRead(package);
        using var reader = new StreamReader(zip.GetEntry(entry)?.Open() ?? throw new AssertFailedException($"no {entry} in {package}"));
        return reader.ReadToEnd();
    }
}
