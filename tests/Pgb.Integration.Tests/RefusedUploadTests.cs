namespace Pgb.Integration.Tests;

/// <summary>
/// Uploads the server refuses before reading them: the client waits for the go-ahead (Expect: 100-continue), so the
/// refusal arrives as the server's answer, not as a connection reset halfway through the body.
/// </summary>
[TestClass]
public sealed class RefusedUploadTests
{
    private const int UploadBytes = 8 * 1024 * 1024;

    [TestMethod]
    [DataRow(false, DisplayName = "a new app")]
    [DataRow(true, DisplayName = "an existing app")]
    public async Task Upload_WithAWrongToken_IsRefusedWith401_NotAReset(bool update)
    {
        using var temp = new TempDirectory();
        var archive = LargeArchive(temp);
        await using var server = await PgbServer.StartAsync(new PgbServerOptions());
        var counting = new BodyCountingHandler();
        using var client = new PgbClient(server.BaseUri, PgbCredential.FromToken("not-the-token-of-anyone"), new PgbClientOptions { Handler = counting, Retry = { MaxRetries = 0 } });

        var failure = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => update
            ? client.UpdateAppFileAsync(1, archive)
            : client.CreateAppFromFileAsync(new PgbAppCreateOptions { Title = "Refused" }, archive));

        Assert.AreEqual(401, failure.Status, failure.Message);
        Assert.AreEqual(0, counting.BodyBytesSent, "the body waits for the server's go-ahead, which a refused upload never gets");
    }

    [TestMethod]
    public async Task Upload_OverTheServersLimit_IsRefusedWith413_NotAReset()
    {
        using var temp = new TempDirectory();
        var archive = LargeArchive(temp);
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { MaxUploadBytes = 1024 * 1024 });
        var counting = new BodyCountingHandler();
        using var client = new PgbClient(server.BaseUri, PgbCredential.FromToken(PgbAccount.Development.Token), new PgbClientOptions { Handler = counting, Retry = { MaxRetries = 0 } });

        var failure = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() =>
            client.CreateAppFromFileAsync(new PgbAppCreateOptions { Title = "Too large" }, archive));

        Assert.AreEqual(413, failure.Status, failure.Message);
        Assert.AreEqual(0, counting.BodyBytesSent, "the body waits for the server's go-ahead, which a refused upload never gets");
    }

    /// <summary>Far over the 1 MiB a server reads of a body it refuses: without the go-ahead, the rest would be cut off.</summary>
    private static string LargeArchive(TempDirectory temp)
    {
        var bytes = new byte[UploadBytes];
        new Random(3).NextBytes(bytes);
        "PK\u0003\u0004"u8.CopyTo(bytes);
        var path = temp.Combine("large.zip");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Counts the request body bytes that reach the connection: the one thing a client-side test can see of a
    /// body the server never asked for.</summary>
    private sealed class BodyCountingHandler() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        private long _sent;

        public long BodyBytesSent => Interlocked.Read(ref _sent);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } content)
            {
                request.Content = new CountingContent(content, this);
            }

            return base.SendAsync(request, cancellationToken);
        }

        private sealed class CountingContent : HttpContent
        {
            private readonly HttpContent _inner;
            private readonly BodyCountingHandler _owner;

            public CountingContent(HttpContent inner, BodyCountingHandler owner)
            {
                _inner = inner;
                _owner = owner;
                foreach (var header in inner.Headers)
                {
                    Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
            {
                using var buffer = new MemoryStream();
                await _inner.CopyToAsync(buffer);
                Interlocked.Add(ref _owner._sent, buffer.Length);
                buffer.Position = 0;
                await buffer.CopyToAsync(stream);
            }

            protected override bool TryComputeLength(out long length)
            {
                length = _inner.Headers.ContentLength ?? -1;
                return length >= 0;
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _inner.Dispose();
                }

                base.Dispose(disposing);
            }
        }
    }
}
