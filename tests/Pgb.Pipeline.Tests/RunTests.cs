using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Pgb.Pipeline.Tests;

[TestClass]
public sealed class RunTests
{
    /// <summary>
    /// A small PhoneGap Build over the fake handler: create, build, two polls, 302 downloads to a storage
    /// host. Returns the answers by route, counting polls.
    /// </summary>
    private sealed class FakeService
    {
        // Zips as far as the client checks (it refuses an apk or ipa that does not start like one).
        public static readonly byte[] Apk = Encoding.UTF8.GetBytes("PK\u0003\u0004" + new string('a', 100_000 - 4));
        public static readonly byte[] Ipa = Encoding.UTF8.GetBytes("PK\u0003\u0004" + new string('i', 3_000 - 4));
        private int _polls;

        public HttpResponseMessage Answer(RecordedRequest r)
        {
            var route = r.Method + " " + (r.Uri.Host == "storage.example" ? "storage:" : "") + r.Uri.AbsolutePath;
            return route switch
            {
                "POST /api/v1/apps" => FakeHandler.Json(HttpStatusCode.Created, """{"id":7,"title":"Demo","version":"2.0.1","collaborators":[]}"""),
                "POST /api/v1/apps/7/build" => FakeHandler.Json(HttpStatusCode.Accepted, "{}"),
                "GET /api/v1/apps/7" => ++_polls < 3
                    ? PipelineFactory.App(7, ("android", "pending"), ("ios", null))
                    : PipelineFactory.App(7, ("android", "complete"), ("ios", "complete")),
                "GET /api/v1/apps/7/android" => FakeHandler.RedirectJson("http://storage.example/s/7/Demo-release.apk", withHeader: true),
                "GET /api/v1/apps/7/ios" => FakeHandler.RedirectJson("http://storage.example/s/7/Demo.ipa"),
                "GET storage:/s/7/Demo-release.apk" => FakeHandler.Bytes(Apk, "application/vnd.android.package-archive"),
                "GET storage:/s/7/Demo.ipa" => FakeHandler.Bytes(Ipa),
                _ => FakeHandler.Json(HttpStatusCode.NotFound, "{\"error\":\"no route " + route + "\"}"),
            };
        }
    }

    [TestMethod]
    public async Task Run_EndToEnd_PackagesCreatesBuildsWaitsAndDownloadsNamedArtifacts()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "<html>demo</html>");
        temp.WriteFile("www/js/app.js", "app();");
        var config = temp.WriteFile("config.xml", "<widget id=\"com.example.demo\"><name>Demo</name></widget>");
        var service = new FakeService();
        var handler = new FakeHandler(service.Answer);
        var clock = new ManualPgbClock();
        using var client = PipelineFactory.CreateClient(handler);
        var progress = new RecordingProgress();
        var job = new PgbJob
        {
            Package = new PgbPackageRequest { WwwDirectory = temp.Combine("www"), ConfigXml = config, OutputPath = temp.Combine("obj", "pgb", "demo.zip") },
            Upload = new PgbUploadRequest { CreateApp = true, AppIdFile = temp.Combine("obj", "pgb", "app-id.txt"), Title = "Demo" },
            Platforms = ["android", "ios"],
            Wait = new PgbWaitOptions { Timeout = TimeSpan.FromMinutes(5), PollInterval = TimeSpan.FromSeconds(2) },
            OutputDirectory = temp.Combine("bin", "pgb"),
            ArtifactName = "Demo",
        };

        var result = await PipelineFactory.CreatePipeline(client, clock).RunAsync(job, progress);

        CollectionAssert.AreEqual(
            new[]
            {
                "POST https://build.example/api/v1/apps",
                "POST https://build.example/api/v1/apps/7/build",
                "GET https://build.example/api/v1/apps/7",
                "GET https://build.example/api/v1/apps/7",
                "GET https://build.example/api/v1/apps/7",
                "GET https://build.example/api/v1/apps/7/android",
                "GET http://storage.example/s/7/Demo-release.apk",
                "GET https://build.example/api/v1/apps/7/ios",
                "GET http://storage.example/s/7/Demo.ipa",
            },
            handler.Requests.Select(r => r.Method + " " + r.Uri.GetLeftPart(UriPartial.Path)).ToArray());
        Assert.IsTrue(handler.Requests.Where(r => r.Uri.Host == "build.example").All(r => r.QueryParameters["auth_token"] == PipelineFactory.Token));
        Assert.IsTrue(handler.Requests.Where(r => r.Uri.Host == "storage.example").All(r => r.Uri.Query.Length == 0 && r.Header("Authorization") is null));

        // The uploaded archive is the packaged zip, config.xml included.
        var uploaded = handler.Requests[0].Parts.Single(p => p.Name == "file");
        Assert.AreEqual("demo.zip", uploaded.FileName);
        CollectionAssert.AreEqual(await File.ReadAllBytesAsync(job.Upload.ArchivePath!), uploaded.Body);
        Assert.AreEqual(temp.Combine("obj", "pgb", "demo.zip"), job.Upload.ArchivePath);
        Assert.AreEqual("""{"platforms":["android","ios"]}""", handler.Requests[1].FormFields["data"]);

        Assert.AreEqual(7, result.AppId);
        Assert.HasCount(2, result.Artifacts);
        var android = result.Artifacts[0];
        Assert.AreEqual("android", android.Platform);
        Assert.AreEqual(temp.Combine("bin", "pgb", "Demo-android.apk"), android.Path);
        Assert.AreEqual(7, android.AppId);
        Assert.AreEqual("1.2.3", android.Version);
        Assert.AreEqual(FakeService.Apk.Length, android.Length);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(FakeService.Apk)), android.Sha256);
        var ios = result.Artifacts[1];
        Assert.AreEqual(temp.Combine("bin", "pgb", "Demo-ios.ipa"), ios.Path);
        CollectionAssert.AreEqual(FakeService.Apk, await File.ReadAllBytesAsync(android.Path));
        CollectionAssert.AreEqual(FakeService.Ipa, await File.ReadAllBytesAsync(ios.Path));
        CollectionAssert.AreEqual(new[] { "Demo-android.apk", "Demo-ios.ipa" }, temp.ListFiles("bin/pgb").ToArray());
        Assert.AreEqual("7", (await File.ReadAllTextAsync(job.Upload.AppIdFile!)).Trim());

        CollectionAssert.IsSubsetOf(
            new[] { PgbStage.Package, PgbStage.Upload, PgbStage.Build, PgbStage.Wait, PgbStage.Download },
            progress.Items.Select(p => p.Stage).Distinct().ToArray());
        Assert.IsTrue(progress.Messages.All(m => !m.Contains(PipelineFactory.Token, StringComparison.Ordinal)));

        // Reports arrive in order, on the caller's thread: nothing about android after it was saved, and the
        // byte counts (every buffer at the client) are throttled, here where the clock stands still, to none.
        var downloads = progress.Items.Where(p => p.Stage == PgbStage.Download).Select(p => p.Message).ToArray();
        CollectionAssert.AreEqual(
            new[] { $"Saved android package to {android.Path} ({FakeService.Apk.Length:N0} bytes)", $"Saved ios package to {ios.Path} ({FakeService.Ipa.Length:N0} bytes)" },
            downloads);
        Assert.IsTrue(progress.Items.Where(p => p.Stage == PgbStage.Download).All(p => p.Kind == PgbProgressKind.TransferDone && p.Platform is not null && p.Bytes > 0));
        Assert.IsTrue(progress.Items.Where(p => p.Stage == PgbStage.Wait).All(p => p.Kind == PgbProgressKind.StatusChange && p.Statuses is not null));
        Assert.IsTrue(progress.Items.Where(p => p.Stage is PgbStage.Package or PgbStage.Upload or PgbStage.Build).All(p => p.Kind == PgbProgressKind.Step));
    }

    [TestMethod]
    public async Task Run_WhenABuildFails_StopsWithPGB3001AndDownloadsNothing()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "<html>demo</html>");
        var handler = new FakeHandler(r => (r.Method.Method, r.Uri.AbsolutePath) switch
        {
            ("PUT", "/api/v1/apps/7") => FakeHandler.Json(HttpStatusCode.OK, """{"id":7}"""),
            ("POST", "/api/v1/apps/7/build") => FakeHandler.Json(HttpStatusCode.Accepted, "{}"),
            ("GET", "/api/v1/apps/7") => PipelineFactory.App(7, [("android", "error")], [("android", "Gradle build failed")]),
            _ => FakeHandler.Json(HttpStatusCode.NotFound, """{"error":"unexpected"}"""),
        });
        using var client = PipelineFactory.CreateClient(handler);
        var job = new PgbJob
        {
            Package = new PgbPackageRequest { WwwDirectory = temp.Combine("www"), OutputPath = temp.Combine("app.zip") },
            Upload = new PgbUploadRequest { AppId = 7 },
            Platforms = ["android"],
            OutputDirectory = temp.Combine("out"),
        };

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(() => PipelineFactory.CreatePipeline(client).RunAsync(job));

        Assert.AreEqual(PgbErrorCodes.BuildFailed, ex.Code);
        Assert.Contains("Gradle build failed", ex.Message);
        Assert.IsEmpty(temp.ListFiles("out"));
        Assert.IsFalse(handler.Requests.Any(r => r.Uri.AbsolutePath.EndsWith("/android", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Download_WhenStorageAnswersAnErrorBody_FailsAndLeavesNoArtifact()
    {
        using var temp = new TempDirectory();
        var handler = new FakeHandler()
            .Enqueue(PipelineFactory.App(7, ("android", "complete")))
            .Enqueue(FakeHandler.RedirectJson("http://storage.example/s/7/app.apk"))
            .Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"error":"link expired"}"""));
        using var client = PipelineFactory.CreateClient(handler);
        var pipeline = PipelineFactory.CreatePipeline(client);
        var app = await pipeline.WaitForCompletionAsync(7, ["android"], new PgbWaitOptions());

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(() => pipeline.DownloadAsync(app, ["android"], temp.Combine("out"), "app"));

        Assert.Contains("link expired", ex.Message);
        Assert.AreEqual(200, ex.HttpStatus);
        Assert.IsEmpty(temp.ListFiles());
    }

    [TestMethod]
    public async Task Download_WhenPlatformIsNotComplete_FailsWithPGB3003()
    {
        using var temp = new TempDirectory();
        var handler = new FakeHandler().Enqueue(PipelineFactory.App(7, ("android", "complete"), ("ios", "skip")));
        using var client = PipelineFactory.CreateClient(handler);
        var pipeline = PipelineFactory.CreatePipeline(client);
        var app = await pipeline.WaitForCompletionAsync(7, ["android"], new PgbWaitOptions());

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(() => pipeline.DownloadAsync(app, ["ios"], temp.Combine("out"), "app"));

        Assert.AreEqual(PgbErrorCodes.NotDownloadable, ex.Code);
        Assert.HasCount(1, handler.Requests);
    }
}
