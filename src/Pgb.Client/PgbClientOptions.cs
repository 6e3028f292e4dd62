namespace Pgb.Client;

/// <summary>Settings of a <see cref="PgbClient"/>.</summary>
public sealed class PgbClientOptions
{
    /// <summary>
    /// The handler requests go through; tests inject a fake. When null the client makes one that does
    /// not follow redirects and keeps no cookies: downloads read the 302 and its JSON body themselves. A
    /// handler given here must not follow redirects either (set <c>AllowAutoRedirect = false</c>), or the
    /// download call would receive the package where it expects the 302.
    /// </summary>
    public HttpMessageHandler? Handler { get; set; }

    /// <summary>How long one request may take before it fails (uploads and downloads have their own).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How long an upload may take in all.</summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a download may see no byte before it fails.</summary>
    public TimeSpan DownloadStallTimeout { get; set; } = TimeSpan.FromSeconds(100);

    public PgbRetryOptions Retry { get; } = new();

    /// <summary>The User-Agent product sent with every request.</summary>
    public string UserAgent { get; set; } = "Pgb.Client/" + typeof(PgbClientOptions).Assembly.GetName().Version;
}

/// <summary>Retries of transient failures: exponential backoff with jitter; a Retry-After answer wins.</summary>
public sealed class PgbRetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = 3;

    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(0.8);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
