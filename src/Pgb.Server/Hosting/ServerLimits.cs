namespace Pgb.Server.Hosting;

/// <summary>How much a request may send, and how slowly: the budgets Kestrel and the request pipeline enforce before a
/// handler sees anything. docs/server.md ("Security") lists them. Only <see cref="MaxUploadBytes"/> is an option
/// (<see cref="PgbServerOptions.MaxUploadBytes"/>); the rest are fixed, except that tests shrink the timeouts to see
/// them act.</summary>
internal sealed record ServerLimits
{
    /// <summary>A multipart body on an upload route: an app's source, an icon, a signing key's files.</summary>
    public long MaxUploadBytes { get; init; } = PgbServerOptions.DefaultMaxUploadBytes;

    /// <summary>Every other body: JSON, url-encoded forms, multipart without files on the other routes.</summary>
    public long MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>The largest body read to look for a form field <c>auth_token</c> when the request carries no other
    /// credential. Larger bodies of unauthenticated requests are never read.</summary>
    public long MaxFormTokenBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Request line and headers, together.</summary>
    public int MaxRequestHeadersTotalSize { get; init; } = 32 * 1024;

    public int MaxRequestLineSize { get; init; } = 8 * 1024;

    public int MaxRequestHeaderCount { get; init; } = 100;

    /// <summary>Connections open at once; more are refused until some close.</summary>
    public long MaxConcurrentConnections { get; init; } = 1000;

    /// <summary>From the connection (or the previous request) to the end of the headers: a client trickling its
    /// headers is dropped.</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>An idle kept-alive connection is closed after this.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A body arriving slower than this, averaged after the grace period, is cut off (408): a client trickling
    /// a body is dropped. The same floor applies to clients reading answers.</summary>
    public double MinDataBytesPerSecond { get; init; } = 240;

    public TimeSpan MinDataRateGracePeriod { get; init; } = TimeSpan.FromSeconds(5);
}
