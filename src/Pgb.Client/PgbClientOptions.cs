namespace Pgb.Client;

/// <summary>Settings of a <see cref="PgbClient"/>.</summary>
public sealed class PgbClientOptions
{
    /// <summary>The default <see cref="RequestTimeout"/>, in seconds (<c>pgb build --request-timeout</c>, <c>PgbRequestTimeoutSeconds</c>).</summary>
    public const int DefaultRequestTimeoutSeconds = 60;

    /// <summary>
    /// The handler requests go through; tests inject a fake. When null the client makes one that does
    /// not follow redirects and keeps no cookies: downloads read the 302 and its JSON body themselves. A
    /// handler given here must not follow redirects either (set <c>AllowAutoRedirect = false</c>), or the
    /// download call would receive the package where it expects the 302.
    /// </summary>
    public HttpMessageHandler? Handler { get; set; }

    /// <summary>
    /// The longest wait for the first byte of an answer and for each next byte, in either direction (an upload's body
    /// too); a download may take as long as it keeps moving. A call that gets no answer gives up, retries included,
    /// once three of these passed without a byte moving (three minutes by default). <see cref="Timeout.InfiniteTimeSpan"/>
    /// waits for ever.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(DefaultRequestTimeoutSeconds);

    /// <summary>How long one attempt of an upload may take in all.</summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(30);

    public PgbRetryOptions Retry { get; } = new();

    /// <summary>The User-Agent product sent with every request.</summary>
    public string UserAgent { get; set; } = "Pgb.Client/" + typeof(PgbClientOptions).Assembly.GetName().Version;
}

/// <summary>Retries of transient failures: exponential backoff with jitter; a Retry-After answer wins.</summary>
public sealed class PgbRetryOptions
{
    /// <summary>
    /// Retries after a failure, in a row: a download that gets further than before has them all again. 0 turns
    /// retries off.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>The longest wait between two attempts, a <c>Retry-After</c> included.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
