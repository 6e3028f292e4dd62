using System.Security.Cryptography;

namespace Pgb.Client.Tests;

[TestClass]
public sealed class DownloadTests
{
    private const string StorageUrl = "http://storage.example/x/app.apk";

    /// <summary>
    /// Larger than the client's copy buffer, so the copy loop runs more than once; it starts like a zip, as an apk
    /// must (the client refuses anything else).
    /// </summary>
    private static byte[] Package(int length = 200_000)
    {
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((i * 31) + (i >> 8));
        }

        "PK\u0003\u0004"u8.CopyTo(bytes);
        return bytes;
    }

    /// <summary>The API's answer (a redirect to storage), then what the storage host answers.</summary>
    private static FakeHandler RedirectThen(HttpResponseMessage redirect, HttpResponseMessage storage) => new FakeHandler().Enqueue(redirect).Enqueue(storage);

    [TestMethod]
    public async Task Download_ReportsProgressWithTheAnnouncedLength_EndingAtTheFullSize()
    {
        using var temp = new TempDirectory();
        var bytes = new byte[300_000];
        new Random(7).NextBytes(bytes);
        "PK\u0003\u0004"u8.CopyTo(bytes);
        var handler = RedirectThen(FakeHandler.RedirectJson(StorageUrl), FakeHandler.Bytes(bytes, "application/vnd.android.package-archive"));
        using var client = TestClients.Create(handler);
        var reports = new List<PgbTransferProgress>();

        await client.DownloadAsync(5, "android", temp.Combine("app.apk"), new SynchronousRecorder(reports));

        Assert.IsGreaterThan(1, reports.Count, "a 300 KB body is read in several buffers");
        Assert.IsTrue(reports.All(r => r.TotalBytes == bytes.Length), "every report carries the Content-Length");
        Assert.AreEqual(bytes.Length, reports[^1].BytesTransferred);
        CollectionAssert.AreEqual(reports.Select(r => r.BytesTransferred).Order().ToArray(), reports.Select(r => r.BytesTransferred).ToArray(), "counts only grow");
    }

    /// <summary>Records on the reporting thread, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class SynchronousRecorder(List<PgbTransferProgress> reports) : IProgress<PgbTransferProgress>
    {
        public void Report(PgbTransferProgress value) => reports.Add(value);
    }

    [TestMethod]
    public async Task Download_When302WithJsonLocation_FetchesStorageWithoutTokenAndSavesTheBytes()
    {
        using var temp = new TempDirectory();
        var bytes = Package();
        var handler = RedirectThen(FakeHandler.RedirectJson(StorageUrl), FakeHandler.Bytes(bytes, "application/vnd.android.package-archive"));
        using var client = TestClients.Create(handler);
        var destination = temp.Combine("out", "app-android.apk");

        var result = await client.DownloadAsync(5, "android", destination);

        Assert.HasCount(2, handler.Requests);
        var api = handler.Requests[0];
        Assert.AreEqual("/api/v1/apps/5/android", api.Uri.AbsolutePath);
        Assert.AreEqual(TestClients.Token, api.QueryParameters["auth_token"]);
        var storage = handler.Requests[1];
        Assert.AreEqual(new Uri(StorageUrl), storage.Uri);
        Assert.IsNull(storage.QueryParameters["auth_token"]);
        Assert.IsNull(storage.Header("Authorization"));

        CollectionAssert.AreEqual(bytes, await File.ReadAllBytesAsync(destination));
        Assert.AreEqual(Path.GetFullPath(destination), result.FilePath);
        Assert.AreEqual(bytes.Length, result.Length);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Sha256);
        Assert.AreEqual("app.apk", result.RemoteFileName);
        CollectionAssert.AreEqual(new[] { "out/app-android.apk" }, temp.ListFiles().ToArray());
    }

    [TestMethod]
    public async Task Download_WithBasicCredential_SendsNoAuthorizationHeaderToStorage()
    {
        using var temp = new TempDirectory();
        var bytes = Package(1000);
        var handler = RedirectThen(FakeHandler.RedirectJson(StorageUrl, withHeader: true), FakeHandler.Bytes(bytes));
        using var client = TestClients.Create(handler, PgbCredential.FromBasic("dev", "dev"));

        await client.DownloadAsync(5, "android", temp.Combine("app.apk"));

        StringAssert.StartsWith(handler.Requests[0].Header("Authorization"), "Basic ");
        Assert.IsNull(handler.Requests[1].Header("Authorization"));
        CollectionAssert.AreEqual(bytes, await File.ReadAllBytesAsync(temp.Combine("app.apk")));
    }

    [TestMethod]
    public async Task Download_When302HasOnlyLocationHeader_FollowsTheHeader()
    {
        using var temp = new TempDirectory();
        var bytes = Package(5000);
        var handler = RedirectThen(FakeHandler.RedirectHeader("http://storage.example/y/app.ipa"), FakeHandler.Bytes(bytes));
        using var client = TestClients.Create(handler);

        var result = await client.DownloadAsync(5, "ios", temp.Combine("app-ios.ipa"));

        Assert.AreEqual(new Uri("http://storage.example/y/app.ipa"), handler.Requests[1].Uri);
        Assert.AreEqual(new Uri("http://storage.example/y/app.ipa"), result.Location);
        CollectionAssert.AreEqual(bytes, await File.ReadAllBytesAsync(temp.Combine("app-ios.ipa")));
    }

    [TestMethod]
    public async Task GetDownloadLocation_WhenLocationIsRelative_ResolvesAgainstServerUrl()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.RedirectJson("/storage/5/app.apk"));
        using var client = TestClients.Create(handler, server: new Uri("http://127.0.0.1:5099"));

        var location = await client.GetDownloadLocationAsync(5, "android");

        Assert.AreEqual(new Uri("http://127.0.0.1:5099/storage/5/app.apk"), location);
        Assert.AreEqual(new Uri("http://127.0.0.1:5099/api/v1/apps/5/android?auth_token=" + Uri.EscapeDataString(TestClients.Token)), handler.Requests[0].Uri);
    }

    [TestMethod]
    public async Task Download_WhenLocationIsRelative_FetchesItFromTheServerHostWithoutToken()
    {
        using var temp = new TempDirectory();
        var bytes = Package(300);
        var handler = RedirectThen(FakeHandler.RedirectJson("/storage/5/app.apk"), FakeHandler.Bytes(bytes));
        using var client = TestClients.Create(handler);

        await client.DownloadAsync(5, "android", temp.Combine("a.apk"));

        Assert.AreEqual(new Uri("https://build.example/storage/5/app.apk"), handler.Requests[1].Uri);
        CollectionAssert.AreEqual(bytes, await File.ReadAllBytesAsync(temp.Combine("a.apk")));
    }

    /// <summary>Storage (where the API's redirect leads) answers something that is not the package: the download fails
    /// saying why, and no file is left behind.</summary>
    [TestMethod]
    [DataRow("short body", null, "1000 of 5000", DisplayName = "Download_WhenContentLengthDoesNotMatch_ThrowsAndLeavesNoFile")]
    [DataRow("JSON error with 200", null, "the download link has expired", DisplayName = "Download_WhenStorageAnswersJsonErrorWith200_ThrowsAndLeavesNoFile")]
    [DataRow("403", 403, null, DisplayName = "Download_WhenStorageAnswers403_ThrowsWithStatusAndLeavesNoFile")]
    // The old tools saved such a 61-byte body as the "app": the media type cannot be trusted to say JSON.
    [DataRow("JSON error labelled as binary", null, "the download link has expired", DisplayName = "Download_WhenStorageAnswersAJsonErrorLabelledAsBinary_ThrowsAndLeavesNoFile")]
    public async Task Download_WhenStorageAnswersSomethingElse_ThrowsAndLeavesNoFile(string answer, int? status, string? mentioned)
    {
        using var temp = new TempDirectory();
        var handler = RedirectThen(FakeHandler.RedirectJson(StorageUrl), StorageAnswer(answer));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.DownloadAsync(5, "android", temp.Combine("app.apk")));

        if (status is not null)
        {
            Assert.AreEqual(status, ex.Status);
        }

        if (mentioned is not null)
        {
            Assert.Contains(mentioned, ex.Message);
        }

        Assert.IsEmpty(temp.ListFiles());
    }

    private static HttpResponseMessage StorageAnswer(string answer) => answer switch
    {
        "short body" => FakeHandler.Bytes(Package(1000), announcedLength: 5000),
        "JSON error with 200" => FakeHandler.Json(HttpStatusCode.OK, """{"error":"the download link has expired"}"""),
        "403" => FakeHandler.Html(HttpStatusCode.Forbidden, "<Error>AccessDenied</Error>"),
        "JSON error labelled as binary" => FakeHandler.Bytes(Encoding.UTF8.GetBytes(" {\"error\":\"the download link has expired\"}\n")),
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, null),
    };

    [TestMethod]
    public async Task Download_WhenDestinationExists_ReplacesIt()
    {
        using var temp = new TempDirectory();
        var destination = temp.WriteFile("app.apk", "old contents that are longer than the new ones");
        var bytes = Package(10);
        var handler = RedirectThen(FakeHandler.RedirectJson(StorageUrl), FakeHandler.Bytes(bytes));
        using var client = TestClients.Create(handler);

        await client.DownloadAsync(5, "android", destination);

        CollectionAssert.AreEqual(bytes, await File.ReadAllBytesAsync(destination));
        CollectionAssert.AreEqual(new[] { "app.apk" }, temp.ListFiles().ToArray());
    }

    [TestMethod]
    public async Task Download_WhenApiAnswers404WithJsonError_ThrowsAndNeverContactsStorage()
    {
        using var temp = new TempDirectory();
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.NotFound, """{"error":"no android build"}"""));
        using var client = TestClients.Create(handler);

        await RequestFailedAssert.ThrowsAsync(() => client.DownloadAsync(5, "android", temp.Combine("app.apk")), 404, "no android build");
        Assert.HasCount(1, handler.Requests);
        Assert.IsEmpty(temp.ListFiles());
    }

    [TestMethod]
    public async Task GetDownloadLocation_When200WithoutLocation_ThrowsExpectedRedirect()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":5}"""));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetDownloadLocationAsync(5, "android"));

        Assert.AreEqual(200, ex.Status);
        Assert.Contains("expected a redirect", ex.Message);
    }

    [TestMethod]
    public async Task GetDownloadLocation_WhenLocationIsNotHttp_Throws()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.RedirectJson("file:///etc/passwd"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetDownloadLocationAsync(5, "android"));

        Assert.Contains("not an http(s) URL", ex.Message);
    }

    [TestMethod]
    public async Task Download_WhenStorageRedirectsToHttps_FollowsItWithoutCredentials()
    {
        using var temp = new TempDirectory();
        var bytes = Package(2000);
        var handler = new FakeHandler()
            .Enqueue(FakeHandler.RedirectJson(StorageUrl))
            .Enqueue(FakeHandler.RedirectHeader("https://storage.example/x/app.apk"))
            .Enqueue(FakeHandler.Bytes(bytes));
        using var client = TestClients.Create(handler, PgbCredential.FromBasic("dev", "dev"));

        var result = await client.DownloadAsync(5, "android", temp.Combine("app.apk"));

        Assert.HasCount(3, handler.Requests);
        Assert.AreEqual(new Uri("https://storage.example/x/app.apk"), handler.Requests[2].Uri);
        Assert.IsNull(handler.Requests[1].Header("Authorization"));
        Assert.IsNull(handler.Requests[2].Header("Authorization"));
        Assert.IsNull(handler.Requests[2].QueryParameters["auth_token"]);
        Assert.AreEqual(new Uri(StorageUrl), result.Location);
        CollectionAssert.AreEqual(bytes, await File.ReadAllBytesAsync(temp.Combine("app.apk")));
    }

    [TestMethod]
    public async Task Download_WhenStorageRedirectsInALoop_GivesUpAndLeavesNoFile()
    {
        using var temp = new TempDirectory();
        var handler = new FakeHandler(_ => FakeHandler.RedirectHeader(StorageUrl));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.DownloadAsync(5, "android", temp.Combine("app.apk")));

        Assert.AreEqual(302, ex.Status);
        Assert.Contains("redirect", ex.Message);
        Assert.IsLessThanOrEqualTo(12, handler.Requests.Count);
        Assert.IsEmpty(temp.ListFiles());
    }

    [TestMethod]
    public async Task Download_WhenStorageRedirectsToANonHttpUrl_Throws()
    {
        using var temp = new TempDirectory();
        var handler = RedirectThen(FakeHandler.RedirectJson(StorageUrl), FakeHandler.RedirectHeader("file:///etc/passwd"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.DownloadAsync(5, "android", temp.Combine("app.apk")));

        Assert.Contains("not an http(s) URL", ex.Message);
        Assert.HasCount(2, handler.Requests);
    }

    [TestMethod]
    public async Task Download_WhenStorageErrorBodyIsHuge_ReadsOnlyABoundedPrefix()
    {
        using var temp = new TempDirectory();
        var body = new EndlessStream(limit: 50L * 1024 * 1024);
        var handler = RedirectThen(FakeHandler.RedirectJson(StorageUrl),
            new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StreamContent(body) });
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.DownloadAsync(5, "android", temp.Combine("app.apk")));

        Assert.AreEqual(403, ex.Status);
        Assert.IsLessThan(1024 * 1024, body.Served, $"read {body.Served} bytes of an error body");
        Assert.IsEmpty(temp.ListFiles());
    }

    [TestMethod]
    public async Task Download_WhenStorageErrorBodyStalls_CancellationEndsTheCall()
    {
        using var temp = new TempDirectory();
        var handler = RedirectThen(FakeHandler.RedirectJson(StorageUrl),
            new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StreamContent(new EndlessStream(limit: 10, stallAfterLimit: true)) });
        using var client = TestClients.Create(handler);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var download = client.DownloadAsync(5, "android", temp.Combine("app.apk"), cancellationToken: cancel.Token);
        var finished = await Task.WhenAny(download, Task.Delay(TimeSpan.FromSeconds(20)));

        Assert.AreSame(download, finished, "the download ignored its cancellation token while reading an error body");
        await Assert.ThrowsAsync<OperationCanceledException>(() => download);
        Assert.IsEmpty(temp.ListFiles());
    }

    /// <summary>Serves 'x' bytes up to a limit, then ends or (with stallAfterLimit) waits until cancelled.</summary>
    private sealed class EndlessStream(long limit, bool stallAfterLimit = false) : Stream
    {
        private long _served;

        public long Served => Interlocked.Read(ref _served);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            var left = limit - Served;
            if (left <= 0)
            {
                if (stallAfterLimit)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                return 0;
            }

            var n = (int)Math.Min(count, left);
            buffer.AsSpan(offset, n).Fill((byte)'x');
            Interlocked.Add(ref _served, n);
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var array = new byte[buffer.Length];
            return new ValueTask<int>(ReadAsync(array, 0, array.Length, cancellationToken).ContinueWith(t =>
            {
                array.AsSpan(0, t.Result).CopyTo(buffer.Span);
                return t.Result;
            }, cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default));
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
