namespace Pgb.Server;

/// <summary>One rule of a <see cref="PgbFaultPlan"/>: which requests it matches, what it does to them, and how many more
/// it will affect. Made by the plan's <c>Add...</c> methods; the definition never changes, only <see cref="Applied"/>.</summary>
public sealed class PgbFaultRule
{
    private int _applied;

    internal PgbFaultRule(PgbFaultKind kind, string? method, string pathPrefix, int times)
    {
        Kind = kind;
        Method = method;
        PathPrefix = pathPrefix;
        Times = times;
    }

    public PgbFaultKind Kind { get; }

    /// <summary>The HTTP method matched (upper case), or null for any.</summary>
    public string? Method { get; }

    /// <summary>The path prefix matched, by whole segments (<c>/api/v1/apps/1</c> matches <c>/api/v1/apps/1/android</c>,
    /// not <c>/api/v1/apps/12</c>).</summary>
    public string PathPrefix { get; }

    /// <summary>How many matching requests the rule affects in all.</summary>
    public int Times { get; }

    /// <summary>How many requests it has affected so far.</summary>
    public int Applied => Volatile.Read(ref _applied);

    /// <summary>How many more requests it will affect.</summary>
    public int Remaining => Times - Applied;

    /// <summary><see cref="PgbFaultKind.Status"/>, <see cref="PgbFaultKind.HtmlError"/> and
    /// <see cref="PgbFaultKind.ErrorInOk"/> (200): the status answered.</summary>
    public int Status { get; init; }

    /// <summary><see cref="PgbFaultKind.Status"/> and <see cref="PgbFaultKind.HtmlError"/>: the <c>Retry-After</c> seconds
    /// sent, or null for no header.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary><see cref="PgbFaultKind.Status"/> and <see cref="PgbFaultKind.ErrorInOk"/>: the text of
    /// <c>{"error":...}</c>; <see cref="PgbFaultKind.HtmlError"/>: the reason phrase in the page.</summary>
    public string? Message { get; init; }

    /// <summary><see cref="PgbFaultKind.Latency"/>: the wait; <see cref="PgbFaultKind.Stall"/>: the stall. At most
    /// <see cref="PgbFaultPlan.MaxDelay"/>.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary><see cref="PgbFaultKind.BodyCut"/>: how many bytes of the body are sent before the connection drops.</summary>
    public long CutAfterBytes { get; init; }

    /// <summary><see cref="PgbFaultKind.Stall"/>: how many bytes of the body are sent before the stall.</summary>
    public long StallAfterBytes { get; init; }

    /// <summary>What the rule does, as the request log and <see cref="PgbRecordedRequest.Fault"/> show it.</summary>
    public string Action => Kind switch
    {
        PgbFaultKind.Status => RetryAfterSeconds is { } seconds
            ? string.Create(CultureInfo.InvariantCulture, $"status {Status} retry-after {seconds}")
            : string.Create(CultureInfo.InvariantCulture, $"status {Status}"),
        PgbFaultKind.Latency => string.Create(CultureInfo.InvariantCulture, $"latency {Latency.TotalMilliseconds:0}ms"),
        PgbFaultKind.Abort => "abort",
        PgbFaultKind.BodyCut => string.Create(CultureInfo.InvariantCulture, $"cut after {CutAfterBytes} bytes"),
        PgbFaultKind.HtmlError => RetryAfterSeconds is { } htmlSeconds
            ? string.Create(CultureInfo.InvariantCulture, $"html {Status} retry-after {htmlSeconds}")
            : string.Create(CultureInfo.InvariantCulture, $"html {Status}"),
        PgbFaultKind.ErrorInOk => "error in 200",
        PgbFaultKind.Reset => "reset",
        PgbFaultKind.Stall => string.Create(CultureInfo.InvariantCulture, $"stall after {StallAfterBytes} bytes for {Latency.TotalMilliseconds:0}ms"),
        _ => "empty body",
    };

    public override string ToString() => $"{Method ?? "*"} {PathPrefix}: {Action} ({Applied} of {Times})";

    /// <summary>Called under the plan's lock, so matching and counting are one step: two concurrent requests never
    /// both take the last use of a rule.</summary>
    internal bool TryTake(string method, PathString path, out int ordinal)
    {
        ordinal = 0;
        if (_applied >= Times || (Method is not null && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
            || !path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        ordinal = Interlocked.Increment(ref _applied);
        return true;
    }
}
