namespace Pgb.Integration.Tests;

/// <summary>Downloads whose storage body breaks off: the client must fail clearly and leave nothing half-written.</summary>
[TestClass]
public sealed class DownloadFaultTests : IntegrationTest
{
    [TestMethod]
    public async Task Download_WhenTheStorageBodyIsCutOnce_FetchesItAgain_AndSavesTheWholePackage()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(100) });
        var id = await FaultTestKit.CreateAppAsync(server, Temp.Path);
        await server.WaitForArtifactAsync(id, "android");
        var artifact = server.GetArtifact(id, "android")!;
        Assert.IsGreaterThan(100, artifact.Length, "the package must be longer than the cut");
        var rule = server.Simulation.Faults.AddBodyCut("storage", 100);
        var output = Temp.Combine("out");
        var destination = Path.Combine(output, "app.apk");
        using var client = FaultTestKit.Client(server);

        var result = await client.DownloadAsync(id, "android", destination);

        CollectionAssert.AreEqual(artifact, File.ReadAllBytes(destination));
        Assert.AreEqual(artifact.Length, result.Length);
        Assert.AreEqual(1, rule.Applied);
        CollectionAssert.AreEqual(new[] { "cut after 100 bytes (1 of 1)", null }, server.StorageGets().Select(r => r.Fault).ToArray());
        CollectionAssert.AreEqual(new[] { "app.apk" }, Directory.GetFiles(output).Select(Path.GetFileName).ToArray(), "no .partial left from the cut attempt");
    }

    /// <summary>Every attempt breaks off before its first byte: none gets further, so the retries run out. (A cut after
    /// some bytes makes progress now that the storage resumes: see the test below.)</summary>
    [TestMethod]
    public async Task Download_WhenEveryAttemptIsCutWithoutGettingFurther_FailsClearlyAfterTheRetries_AndLeavesNoFile()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(100) });
        var id = await FaultTestKit.CreateAppAsync(server, Temp.Path);
        await server.WaitForArtifactAsync(id, "android");
        var rule = server.Simulation.Faults.AddBodyCut("storage", 0, times: 10);
        var output = Temp.Combine("out");
        var destination = Path.Combine(output, "app.apk");
        using var client = FaultTestKit.Client(server, maxRetries: 2);

        var error = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.DownloadAsync(id, "android", destination));

        Assert.AreEqual(0, error.Status, error.Message);
        Assert.IsTrue(error.Interrupted, "an answer had started: it broke off, it was not missing");
        StringAssert.Contains(error.Message, "broke off after 0 bytes", "the message says where the download broke off");
        Assert.DoesNotContain("got no answer", error.Message);
        Assert.AreEqual(3, rule.Applied, "the first attempt and two retries");
        Assert.IsFalse(File.Exists(destination), "a failed download must not leave a file at the destination");
        Assert.IsEmpty(Directory.GetFiles(output), "nor a .partial file beside it");
    }

    /// <summary>The storage offers an ETag and honours Range with If-Range, as S3 did: a body that breaks off is fetched
    /// on from where it stopped, not from the start, and each attempt that gets further earns its retries again.</summary>
    [TestMethod]
    public async Task Download_WhenTheStorageBodyIsCutRepeatedly_ResumesWhereItStopped_AndSavesTheWholePackage()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(100), StoragePort = 0 });
        var id = await FaultTestKit.CreateAppAsync(server, Temp.Path);
        await server.WaitForArtifactAsync(id, "android");
        var artifact = server.GetArtifact(id, "android")!;
        Assert.IsGreaterThan(400, artifact.Length, "the package must be longer than the cuts");
        var rule = server.Simulation.Faults.AddBodyCut("storage", 100, times: 3);
        var destination = Temp.Combine("out", "app.apk");
        using var client = FaultTestKit.Client(server, maxRetries: 1);

        var result = await client.DownloadAsync(id, "android", destination);

        CollectionAssert.AreEqual(artifact, File.ReadAllBytes(destination));
        Assert.AreEqual(artifact.Length, result.Length);
        Assert.AreEqual(3, rule.Applied);
        CollectionAssert.AreEqual(new[] { 200, 206, 206, 206 }, server.StorageGets().Select(r => r.Status).ToArray(),
            "the first answer, then the rest from 100, 200 and 300 bytes on");
        Assert.IsTrue(server.StorageGets().All(r => r.Port == server.StorageUri!.Port && !r.CarriedCredentials));
    }

    [TestMethod]
    public async Task Download_WhenStorageAnswers503Once_IsRetried_AndSucceeds()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(100) });
        var id = await FaultTestKit.CreateAppAsync(server, Temp.Path);
        await server.WaitForArtifactAsync(id, "android");
        server.Simulation.Faults.AddStatus("GET", "storage", 503, message: "SlowDown");
        var destination = Temp.Combine("out", "app.apk");
        using var client = FaultTestKit.Client(server);

        await client.DownloadAsync(id, "android", destination);

        CollectionAssert.AreEqual(server.GetArtifact(id, "android"), File.ReadAllBytes(destination));
        CollectionAssert.AreEqual(new[] { 503, 200 }, server.StorageGets().Select(r => r.Status).ToArray());
    }
}
