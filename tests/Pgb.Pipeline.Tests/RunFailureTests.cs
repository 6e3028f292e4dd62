using System.Net;

namespace Pgb.Pipeline.Tests;

/// <summary>How <see cref="PgbPipeline.RunAsync"/> fails: early for local problems, cleanly when canceled.</summary>
[TestClass]
public sealed class RunFailureTests
{
    private static PgbJob Job(TempDirectory temp, string[]? platforms = null) => new()
    {
        Package = new PgbPackageRequest { WwwDirectory = temp.Combine("www"), OutputPath = temp.Combine("obj", "app.zip") },
        Upload = new PgbUploadRequest { AppId = 7 },
        Platforms = platforms ?? ["android"],
        Wait = new PgbWaitOptions { Timeout = TimeSpan.FromMinutes(5), PollInterval = TimeSpan.FromSeconds(2) },
        OutputDirectory = temp.Combine("out"),
    };

    /// <summary>Answers a whole successful run for app 7; the storage GET waits for <paramref name="storage"/>.</summary>
    private static HttpResponseMessage Service(RecordedRequest r, Func<HttpResponseMessage>? storage = null) =>
        (r.Method.Method, r.Uri.Host, r.Uri.AbsolutePath) switch
        {
            ("PUT", "build.example", "/api/v1/apps/7") => FakeHandler.Json(HttpStatusCode.OK, """{"id":7}"""),
            ("POST", "build.example", "/api/v1/apps/7/build") => FakeHandler.Json(HttpStatusCode.Accepted, "{}"),
            ("GET", "build.example", "/api/v1/apps/7") => PipelineFactory.App(7, ("android", "complete")),
            ("GET", "build.example", "/api/v1/apps/7/android") => FakeHandler.RedirectJson("http://storage.example/s/7/app.apk"),
            ("GET", "storage.example", _) => storage?.Invoke() ?? FakeHandler.Bytes([.. "PK\u0003\u0004"u8, .. new byte[4996]]),
            _ => FakeHandler.Json(HttpStatusCode.NotFound, """{"error":"unexpected"}"""),
        };

    [TestMethod]
    public async Task Run_WhenTheOutputFolderIsAFile_FailsWithPGB4002BeforeSendingAnything()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        temp.WriteFile("out", "I am a file");
        var handler = new FakeHandler(r => Service(r));
        using var client = PipelineFactory.CreateClient(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(() => PipelineFactory.CreatePipeline(client).RunAsync(Job(temp)));

        Assert.AreEqual(PgbErrorCodes.ArtifactWriteFailed, ex.Code);
        Assert.Contains(temp.Combine("out"), ex.Message);
        Assert.IsEmpty(handler.Requests, "a local problem is found before the server spends a build on it");
    }

    [TestMethod]
    public async Task Run_WithNoPlatform_FailsWithPGB1009BeforeSendingAnything()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        var handler = new FakeHandler(r => Service(r));
        using var client = PipelineFactory.CreateClient(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(() => PipelineFactory.CreatePipeline(client).RunAsync(Job(temp, [])));

        Assert.AreEqual(PgbErrorCodes.NoPlatforms, ex.Code);
        Assert.IsEmpty(handler.Requests, "an empty list would have queued every platform");
    }

    [TestMethod]
    public async Task Run_WhenCanceledDuringTheDownload_StopsAndLeavesNoArtifact()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        using var cancel = new CancellationTokenSource();
        // The storage answers headers, then its body never sends a byte: cancel once the download has begun.
        var handler = new FakeHandler(r => Service(r, () =>
        {
            cancel.CancelAfter(TimeSpan.FromMilliseconds(100));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StalledStream()) };
        }));
        using var client = PipelineFactory.CreateClient(handler);

        await Assert.ThrowsAsync<OperationCanceledException>(
            () => PipelineFactory.CreatePipeline(client).RunAsync(Job(temp), cancellationToken: cancel.Token).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.IsEmpty(temp.ListFiles("out"), "no artifact, and no partial file");
    }
}
