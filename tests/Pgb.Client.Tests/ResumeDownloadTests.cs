using System.Security.Cryptography;

namespace Pgb.Client.Tests;

/// <summary>
/// Downloads whose storage body breaks off or stalls: they go on where they stopped when the storage offers a
/// validator (Range + If-Range), start over when it does not, and fail only once they stop getting further.
/// </summary>
[TestClass]
public sealed class ResumeDownloadTests
{
    private const string StorageHost = "storage.example";

    /// <summary>A package of 300 KB (several copy buffers) that starts like a zip, as an apk must.</summary>
    private static readonly byte[] Package = CreatePackage(300_000);

    private static byte[] CreatePackage(int length)
    {
        var bytes = new byte[length];
        new Random(11).NextBytes(bytes);
        "PK\u0003\u0004"u8.CopyTo(bytes);
        return bytes;
    }

    private static PgbClient Client(ScriptedStorage storage, int maxRetries = 3, double requestTimeoutSeconds = 30) =>
        TestClients.Create(new FakeHandler(storage.Answer), TimeSpan.FromSeconds(requestTimeoutSeconds), maxRetries);

    /// <summary>Downloads app #5's android package from <paramref name="storage"/> into a temp folder: the file must be the
    /// whole package, alone there (no .partial left).</summary>
    private static async Task<PgbDownloadResult> DownloadWholeAsync(ScriptedStorage storage, int maxRetries = 3, double requestTimeoutSeconds = 30)
    {
        using var temp = new TempDirectory();
        using var client = Client(storage, maxRetries, requestTimeoutSeconds);

        var result = await client.DownloadAsync(5, "android", temp.Combine("app.apk"));

        CollectionAssert.AreEqual(Package, await File.ReadAllBytesAsync(temp.Combine("app.apk")));
        CollectionAssert.AreEqual(new[] { "app.apk" }, temp.ListFiles().ToArray(), "no .partial left");
        return result;
    }

    /// <summary>Downloads app #5's <paramref name="platform"/> package from <paramref name="storage"/> into a temp folder: it
    /// must fail with the client's one exception type and keep nothing there.</summary>
    private static async Task<PgbRequestFailedException> DownloadFailsAsync(
        ScriptedStorage storage, string platform = "android", string file = "app.apk", int maxRetries = 3, double requestTimeoutSeconds = 30)
    {
        using var temp = new TempDirectory();
        using var client = Client(storage, maxRetries, requestTimeoutSeconds);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.DownloadAsync(5, platform, temp.Combine(file)));

        Assert.IsEmpty(temp.ListFiles(), "nothing kept");
        return ex;
    }

    [TestMethod]
    public async Task Download_WhenTheBodyBreaksOff_ResumesFromWhereItStoppedWithIfRangeOnTheETag()
    {
        var storage = new ScriptedStorage(Package) { ETag = new EntityTagHeaderValue("\"v1\"") }.CutAfter(100_000);

        var result = await DownloadWholeAsync(storage);

        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(Package)), result.Sha256, "the hash covers both parts");
        var gets = storage.Requests;
        Assert.HasCount(2, gets);
        Assert.IsNull(gets[0].Header("Range"));
        Assert.AreEqual("bytes=100000-", gets[1].Header("Range"));
        Assert.AreEqual("\"v1\"", gets[1].Header("If-Range"));
        Assert.AreEqual(HttpStatusCode.PartialContent, storage.Statuses[1]);
    }

    [TestMethod]
    public async Task Download_WithOnlyLastModified_ResumesWithIfRangeOnTheDate()
    {
        var modified = new DateTimeOffset(2020, 4, 1, 12, 0, 0, TimeSpan.Zero);
        var storage = new ScriptedStorage(Package) { LastModified = modified }.CutAfter(150_000);

        await DownloadWholeAsync(storage);

        Assert.AreEqual("bytes=150000-", storage.Requests[1].Header("Range"));
        Assert.AreEqual(modified, DateTimeOffset.Parse(storage.Requests[1].Header("If-Range")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Without a validator (or with a weak ETag, which If-Range does not take) a range could splice two different
    /// packages together: the download starts over instead.
    /// </summary>
    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task Download_WhenTheStorageOffersNoStrongValidator_StartsOverFromTheFirstByte(bool weakETag)
    {
        var storage = new ScriptedStorage(Package) { ETag = weakETag ? new EntityTagHeaderValue("\"v1\"", isWeak: true) : null }.CutAfter(100_000);

        await DownloadWholeAsync(storage);

        Assert.HasCount(2, storage.Requests);
        Assert.IsTrue(storage.Requests.All(r => r.Header("Range") is null && r.Header("If-Range") is null));
    }

    [TestMethod]
    public async Task Download_WhenTheStorageAnswers200ToARange_StartsOverAndKeepsOnlyTheNewBody()
    {
        var storage = new ScriptedStorage(Package) { ETag = new EntityTagHeaderValue("\"v1\""), HonoursRange = false }.CutAfter(120_000);

        var result = await DownloadWholeAsync(storage);

        Assert.AreEqual(Package.Length, result.Length);
        Assert.AreEqual("bytes=120000-", storage.Requests[1].Header("Range"));
        Assert.AreEqual(HttpStatusCode.OK, storage.Statuses[1]);
    }

    [TestMethod]
    public async Task Download_When206DoesNotGoOnFromWhereTheFileEnds_StartsOver()
    {
        var storage = new ScriptedStorage(Package) { ETag = new EntityTagHeaderValue("\"v1\""), RangeShift = 10 }.CutAfter(100_000);

        await DownloadWholeAsync(storage);

        Assert.HasCount(3, storage.Requests, "the cut, the misplaced range, then the whole package");
        Assert.IsNull(storage.Requests[2].Header("Range"));
    }

    [TestMethod]
    public async Task Download_WhenTheStorageCannotSatisfyTheRange_StartsOver()
    {
        var storage = new ScriptedStorage(Package) { ETag = new EntityTagHeaderValue("\"v1\""), AnswerRangesWith416 = true }.CutAfter(100_000);

        await DownloadWholeAsync(storage);

        CollectionAssert.AreEqual(new[] { HttpStatusCode.OK, HttpStatusCode.RequestedRangeNotSatisfiable, HttpStatusCode.OK }, storage.Statuses.ToArray());
        Assert.IsNull(storage.Requests[2].Header("Range"));
    }

    [TestMethod]
    public async Task Download_ThatKeepsGettingFurther_IsNeverFailedByTheRetryCount()
    {
        // Six cuts in a row with one retry allowed: each attempt gets further, so each grants the retry again.
        var storage = new ScriptedStorage(Package) { ETag = new EntityTagHeaderValue("\"v1\"") }
            .CutAfter(20_000).CutAfter(20_000).CutAfter(20_000).CutAfter(20_000).CutAfter(20_000).CutAfter(20_000);

        await DownloadWholeAsync(storage, maxRetries: 1);

        Assert.HasCount(7, storage.Requests);
    }

    [TestMethod]
    public async Task Download_OverAStorageWithoutValidators_ThatGetsFurtherEachTime_IsRetriedUntilItCompletes()
    {
        var storage = new ScriptedStorage(Package).CutAfter(50_000).CutAfter(100_000).CutAfter(150_000).CutAfter(200_000);

        await DownloadWholeAsync(storage, maxRetries: 1);

        Assert.HasCount(5, storage.Requests);
    }

    [TestMethod]
    public async Task Download_ThatStopsGettingFurther_FailsAfterTheRetriesInARow_AndKeepsNothing()
    {
        var storage = new ScriptedStorage(Package) { CutEveryAttemptAfter = 1_000 };

        var ex = await DownloadFailsAsync(storage, maxRetries: 2);

        Assert.AreEqual(PgbFailureKind.Interrupted, ex.Kind, ex.Message);
        Assert.IsTrue(ex.Interrupted);
        StringAssert.Contains(ex.Message, "broke off after 1000 bytes");
        Assert.HasCount(3, storage.Requests, "the first attempt and two retries that got no further");
    }

    /// <summary>
    /// Starting over moves bytes the download had before: no progress, but no silence either, so the call's limit of
    /// three request timeouts without a byte moving does not end a restart that takes longer than that.
    /// </summary>
    [TestMethod]
    public async Task Download_ThatStartsOverSlowly_IsNotCutByTheCallLimit_WhileBytesKeepMoving()
    {
        using var temp = new TempDirectory();
        var storage = new ScriptedStorage(Package) { ChunkDelayAfterFirstAnswer = TimeSpan.FromMilliseconds(60) }.CutAfter(290_000);
        using var client = Client(storage, requestTimeoutSeconds: 0.3);

        await client.DownloadAsync(5, "android", temp.Combine("app.apk")).WaitAsync(TimeSpan.FromSeconds(30));

        CollectionAssert.AreEqual(Package, await File.ReadAllBytesAsync(temp.Combine("app.apk")));
        Assert.HasCount(2, storage.Requests);
    }

    [TestMethod]
    public async Task Download_WhenTheBodyStalls_TimesOutWithinTheRequestTimeout_AndResumes()
    {
        var storage = new ScriptedStorage(Package) { ETag = new EntityTagHeaderValue("\"v1\"") }.StallAfter(64_000);

        await DownloadWholeAsync(storage, requestTimeoutSeconds: 0.3);

        Assert.AreEqual("bytes=64000-", storage.Requests[1].Header("Range"));
    }

    [TestMethod]
    public async Task Download_WhenEveryAttemptStalls_FailsAsTimedOut_AndKeepsNothing()
    {
        var storage = new ScriptedStorage(Package) { StallEveryAttemptAfter = 0 };

        var ex = await DownloadFailsAsync(storage, maxRetries: 2, requestTimeoutSeconds: 0.2);

        Assert.AreEqual(PgbFailureKind.TimedOut, ex.Kind, ex.Message);
        Assert.IsTrue(ex.IsTransient);
    }

    [TestMethod]
    [DataRow("android", "app.apk")]
    [DataRow("blackberry", "app.jad")]
    public async Task Download_OfAnEmptyPackage_FailsAsInvalid_AndKeepsNothing(string platform, string file)
    {
        var storage = new ScriptedStorage([]);

        var ex = await DownloadFailsAsync(storage, platform, file);

        Assert.AreEqual(PgbFailureKind.InvalidPackage, ex.Kind, ex.Message);
        StringAssert.Contains(ex.Message, "empty");
        Assert.IsFalse(ex.IsTransient);
    }

    [TestMethod]
    [DataRow("android", "app.apk")]
    [DataRow("ios", "app.ipa")]
    [DataRow("winphone", "app.xap")]
    [DataRow("symbian", "app.wgz")]
    public async Task Download_OfAZipPackageThatIsNotAZip_FailsAsInvalid_AndKeepsNothing(string platform, string file)
    {
        var storage = new ScriptedStorage("<html><head><title>Sign in</title></head><body>proxy login</body></html>"u8.ToArray());

        var ex = await DownloadFailsAsync(storage, platform, file);

        Assert.AreEqual(PgbFailureKind.InvalidPackage, ex.Kind, ex.Message);
        StringAssert.Contains(ex.Message, "not a zip");
        StringAssert.Contains(ex.Message, "'<htm'", "the message shows how the file starts");
    }

    [TestMethod]
    [DataRow("blackberry", "app.jad")]
    [DataRow("webos", "app.ipk")]
    public async Task Download_OfAPackageWhoseFormatIsNotAZip_IsKeptAsItCame(string platform, string file)
    {
        using var temp = new TempDirectory();
        var jad = "MIDlet-Name: Demo\nMIDlet-Version: 1.0.0\n"u8.ToArray();
        var storage = new ScriptedStorage(jad);
        using var client = Client(storage);

        await client.DownloadAsync(5, platform, temp.Combine(file));

        CollectionAssert.AreEqual(jad, await File.ReadAllBytesAsync(temp.Combine(file)));
    }

    /// <summary>
    /// A storage host behind the API's 302 that answers each GET from a script: cut or stall the body of an attempt,
    /// send validators, honour (or not) a Range with If-Range. Records every storage request and status.
    /// </summary>
    private sealed class ScriptedStorage(byte[] package)
    {
        private readonly Queue<(long At, bool Stall)> _breaks = new();
        private readonly List<RecordedRequest> _requests = [];
        private readonly List<HttpStatusCode> _statuses = [];

        public EntityTagHeaderValue? ETag { get; init; }

        public DateTimeOffset? LastModified { get; init; }

        public bool HonoursRange { get; init; } = true;

        /// <summary>A 206 that starts this many bytes later than asked (a broken range implementation).</summary>
        public int RangeShift { get; init; }

        /// <summary>A request for a range answers 416 (the range is not satisfiable).</summary>
        public bool AnswerRangesWith416 { get; init; }

        /// <summary>Every attempt breaks off after this many bytes of its body (when no scripted break is left).</summary>
        public long? CutEveryAttemptAfter { get; init; }

        /// <summary>Every attempt stalls after this many bytes of its body.</summary>
        public long? StallEveryAttemptAfter { get; init; }

        /// <summary>From the second answer on, the body comes in chunks of 16 KB this far apart: a slow but moving storage.</summary>
        public TimeSpan? ChunkDelayAfterFirstAnswer { get; init; }

        public IReadOnlyList<RecordedRequest> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public IReadOnlyList<HttpStatusCode> Statuses
        {
            get
            {
                lock (_requests)
                {
                    return [.. _statuses];
                }
            }
        }

        /// <summary>The next attempt's body breaks off after <paramref name="bytes"/> bytes (counted in that body).</summary>
        public ScriptedStorage CutAfter(long bytes)
        {
            _breaks.Enqueue((bytes, false));
            return this;
        }

        /// <summary>The next attempt's body sends <paramref name="bytes"/> bytes, then nothing until the reader gives up.</summary>
        public ScriptedStorage StallAfter(long bytes)
        {
            _breaks.Enqueue((bytes, true));
            return this;
        }

        public HttpResponseMessage Answer(RecordedRequest request)
        {
            if (request.Uri.Host != StorageHost)
            {
                return FakeHandler.RedirectJson($"http://{StorageHost}/s/5/app.bin");
            }

            if (AnswerRangesWith416 && request.Header("Range") is not null)
            {
                lock (_requests)
                {
                    _requests.Add(request);
                    _statuses.Add(HttpStatusCode.RequestedRangeNotSatisfiable);
                }

                return new HttpResponseMessage(HttpStatusCode.RequestedRangeNotSatisfiable) { Content = new ByteArrayContent([]) };
            }

            long from = 0;
            if (HonoursRange && request.Header("Range") is { } range && ValidatorMatches(request.Header("If-Range")))
            {
                from = long.Parse(range["bytes=".Length..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture) + RangeShift;
            }

            (long At, bool Stall)? broken;
            lock (_requests)
            {
                broken = _breaks.Count > 0 ? _breaks.Dequeue()
                    : CutEveryAttemptAfter is { } cut ? (cut, false)
                    : StallEveryAttemptAfter is { } stall ? (stall, true)
                    : null;
            }

            var body = package.AsSpan((int)Math.Min(from, package.Length)).ToArray();
            var slow = _statuses.Count > 0 ? ChunkDelayAfterFirstAnswer : null;
            var content = new StreamContent(new BreakingStream(body, broken?.At, broken?.Stall ?? false, slow));
            content.Headers.ContentLength = body.Length;
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            var status = from > 0 ? HttpStatusCode.PartialContent : HttpStatusCode.OK;
            if (from > 0)
            {
                content.Headers.ContentRange = new ContentRangeHeaderValue(from, package.Length - 1, package.Length);
            }

            if (LastModified is { } modified)
            {
                content.Headers.LastModified = modified;
            }

            var response = new HttpResponseMessage(status) { Content = content };
            if (ETag is not null)
            {
                response.Headers.ETag = ETag;
            }

            lock (_requests)
            {
                _requests.Add(request);
                _statuses.Add(status);
            }

            return response;
        }

        private bool ValidatorMatches(string? ifRange) =>
            ifRange is not null && (ETag is { IsWeak: false } etag ? ifRange == etag.Tag : LastModified is not null);
    }

    /// <summary>A body that serves its bytes and then, at <c>breakAt</c>, throws as a reset connection does, or stalls until canceled.</summary>
    private sealed class BreakingStream(byte[] body, long? breakAt, bool stall, TimeSpan? chunkDelay = null) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            var end = Math.Min(body.Length, breakAt ?? long.MaxValue);
            if (_position >= end && _position < body.Length)
            {
                if (stall)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                throw new IOException("The response ended prematurely (connection reset by peer).");
            }

            if (chunkDelay is { } delay)
            {
                await Task.Delay(delay, cancellationToken);
                count = Math.Min(count, 16 * 1024);
            }

            var n = (int)Math.Min(count, end - _position);
            Array.Copy(body, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var array = new byte[buffer.Length];
            var read = await ReadAsync(array, 0, array.Length, cancellationToken);
            array.AsSpan(0, read).CopyTo(buffer.Span);
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
