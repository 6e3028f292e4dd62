namespace Pgb.Client;

/// <summary>
/// The one exception type for a request the service did not fulfil: an error status with the
/// service's <c>{"error":...}</c> text, an answer that is not the JSON we expected, or no answer at all.
/// <see cref="Kind"/> says which.
/// </summary>
public sealed class PgbRequestFailedException : Exception
{
    public PgbRequestFailedException(int status, string? errorMessage, string method, string redactedUrl, Exception? innerException = null)
        : this(status, errorMessage, method, redactedUrl, innerException, [])
    {
    }

    /// <summary>A failure of a given <paramref name="kind"/> (a body that broke off is <see cref="PgbFailureKind.Interrupted"/>).</summary>
    public PgbRequestFailedException(int status, string? errorMessage, string method, string redactedUrl, PgbFailureKind kind, Exception? innerException = null)
        : this(status, errorMessage, method, redactedUrl, innerException, [], kind == PgbFailureKind.Interrupted, kind)
    {
    }

    /// <param name="secrets">The client's own secrets, removed wherever they appear, not only inside URLs.</param>
    /// <param name="kind">Null: read from the status (0 no answer, 400 and up an error status, anything else unexpected).</param>
    internal PgbRequestFailedException(int status, string? errorMessage, string method, string redactedUrl, Exception? innerException, IReadOnlyList<string> secrets,
        bool interrupted = false, PgbFailureKind? kind = null)
        : base(Compose(status, RedactOrNull(errorMessage, secrets), method, PgbRedaction.Redact(redactedUrl, secrets), interrupted, KindOf(kind, status, interrupted)), innerException)
    {
        Status = status;
        Interrupted = interrupted;
        Kind = KindOf(kind, status, interrupted);
        // A server may echo the request URL (and so the token) in its error text: never carry it further.
        ErrorMessage = RedactOrNull(errorMessage, secrets);
        Method = method;
        RequestUrl = PgbRedaction.Redact(redactedUrl, secrets);
    }

    /// <summary>The HTTP status; 0 when no answer arrived (connection refused, timeout).</summary>
    public int Status { get; }

    /// <summary>
    /// True when an answer had started but its body broke off or stalled (<see cref="Status"/> is then 0): unlike
    /// "no answer", the request did reach the service.
    /// </summary>
    public bool Interrupted { get; }

    /// <summary>Why the request failed.</summary>
    public PgbFailureKind Kind { get; }

    /// <summary>How long the service asked us to wait before trying again (<c>Retry-After</c> of a 429 or 503).</summary>
    internal System.Net.Http.Headers.RetryConditionHeaderValue? RetryAfter { get; set; }

    /// <summary>The service's own error text (the <c>error</c> field), when it sent one.</summary>
    public string? ErrorMessage { get; }

    public string Method { get; }

    /// <summary>The request URL with <c>auth_token</c> redacted.</summary>
    public string RequestUrl { get; }

    /// <summary>
    /// True for failures worth trying again later (no answer, a timeout, a body that broke off, 408, 429, 500, 502,
    /// 503, 504): the rule the client's own retries follow, so a failure it gave up on after its retries reports true here.
    /// </summary>
    public bool IsTransient => TransientFailures.IsTransient(Kind, Status);

    private static PgbFailureKind KindOf(PgbFailureKind? kind, int status, bool interrupted) =>
        kind ?? (interrupted ? PgbFailureKind.Interrupted
            : status == 0 ? PgbFailureKind.NoAnswer
            : status >= 400 ? PgbFailureKind.Status
            : PgbFailureKind.UnexpectedAnswer);

    private static string? RedactOrNull(string? text, IReadOnlyList<string> secrets) => text is null ? null : PgbRedaction.Redact(text, secrets);

    private static string Compose(int status, string? errorMessage, string method, string url, bool interrupted, PgbFailureKind kind)
    {
        var what = interrupted ? $"{method} {url}"
            : kind is PgbFailureKind.Unreachable or PgbFailureKind.NoAnswer or PgbFailureKind.TimedOut ? $"{method} {url} got no answer"
            : status == 0 ? $"{method} {url}"
            : $"{method} {url} answered {status}";
        // The message becomes one line of a build log; ErrorMessage keeps the server's text as it was.
        return string.IsNullOrEmpty(errorMessage) ? what + "." : what + ": " + OneLine(errorMessage!);
    }

    private static string OneLine(string text) =>
        string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.Length > 0));
}
