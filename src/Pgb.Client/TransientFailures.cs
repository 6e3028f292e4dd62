namespace Pgb.Client;

/// <summary>What a failed request says about sending it again.</summary>
internal enum Transience
{
    /// <summary>The same request would fail again (4xx but 408 and 429, 501, 505 and up, an unreadable answer): never retried.</summary>
    Permanent,

    /// <summary>
    /// It may succeed later, but the service may have acted on it first (no answer, a timeout, a body that broke off,
    /// 500, 502, 504): retried only when repeating it is harmless.
    /// </summary>
    Transient,

    /// <summary>
    /// It may succeed later and the service did not act on it: it said so (429, 503; 408, which says the request did
    /// not even arrive whole, and which HTTP lets a client repeat), or the request never left (no connection could be
    /// made). Retried whatever the request.
    /// </summary>
    NotProcessed,
}

/// <summary>
/// The one rule for "is this failure transient". <see cref="RetryPolicy"/> asks it before trying a request again
/// and <see cref="PgbRequestFailedException.IsTransient"/> reports it with the error, so the two never disagree.
/// The statuses are Azure.Core's retriable set; status 0 is this client's "no answer" (refused, reset, timed out,
/// or an answer that broke off).
/// </summary>
internal static class TransientFailures
{
    public static Transience Classify(int status) => status switch
    {
        408 or 429 or 503 => Transience.NotProcessed,
        0 or 500 or 502 or 504 => Transience.Transient,
        _ => Transience.Permanent,
    };

    public static Transience Classify(PgbFailureKind kind, int status) => kind switch
    {
        PgbFailureKind.Unreachable => Transience.NotProcessed,
        PgbFailureKind.NoAnswer or PgbFailureKind.TimedOut or PgbFailureKind.Interrupted => Transience.Transient,
        PgbFailureKind.Status => Classify(status),
        _ => Transience.Permanent,
    };

    public static bool IsTransient(PgbFailureKind kind, int status) => Classify(kind, status) != Transience.Permanent;
}
