using Pgb.Server.Faults;

namespace Pgb.Server;

/// <summary>Faults the server injects into matching requests, so a client's retries and error handling can be tested
/// against real sockets: error statuses as JSON or HTML pages, errors inside a 200, latency, dropped and reset
/// connections, bodies cut short, stalled or empty. Deterministic - each rule affects the
/// next <c>times</c> matching requests and then stops - so a test knows exactly how many requests to expect.
/// Thread-safe and changeable while the server runs (<see cref="PgbSimulation.Faults"/>).</summary>
/// <remarks>Rules are consulted in the order they were added. Every matching latency rule adds its wait (the total
/// capped at <see cref="MaxDelay"/>); then the first matching status, abort or body-cut rule decides the request, and
/// later ones are not used up. Every kind but <see cref="PgbFaultKind.Latency"/> decides. Faults act before
/// authentication, as a failing front end would.</remarks>
public sealed class PgbFaultPlan
{
    /// <summary>The longest any fault makes anyone wait: the injected latency of one request, and a <c>Retry-After</c>.
    /// Longer values count as this, so a forgotten rule slows a test down but never hangs it.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    private readonly object _gate = new();
    private readonly List<PgbFaultRule> _rules = [];

    internal PgbFaultPlan()
    {
    }

    /// <summary>Snapshot of the rules, in the order they are consulted, used-up ones included.</summary>
    public IReadOnlyList<PgbFaultRule> Rules
    {
        get { lock (_gate) { return _rules.ToArray(); } }
    }

    /// <summary>The next <paramref name="times"/> requests matching <paramref name="method"/> and <paramref name="path"/>
    /// answer <paramref name="status"/> (400-599) with <c>{"error":message}</c> (the status's reason phrase without a
    /// message) and, when given, <c>Retry-After: seconds</c> (capped at <see cref="MaxDelay"/>).</summary>
    /// <param name="method">GET, POST, ...; <c>*</c> for any.</param>
    /// <param name="path">a path prefix (<c>/api/v1/apps/1</c>), or <c>api</c> or <c>storage</c>.</param>
    public PgbFaultRule AddStatus(string method, string path, int status, int times = 1, int? retryAfterSeconds = null, string? message = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        return Add(new PgbFaultRule(PgbFaultKind.Status, FaultMatch.Method(method), FaultMatch.Path(path), FaultMatch.Times(times))
        {
            Status = status,
            RetryAfterSeconds = RetryAfter(retryAfterSeconds),
            Message = string.IsNullOrEmpty(message) ? Errors.ServerErrors.ReasonPhrase(status) : message,
        });
    }

    /// <summary>The next <paramref name="times"/> matching requests wait <paramref name="latency"/> (negative counts as
    /// zero, above <see cref="MaxDelay"/> as that) before going on.</summary>
    public PgbFaultRule AddLatency(string method, string path, TimeSpan latency, int times = 1) =>
        Add(new PgbFaultRule(PgbFaultKind.Latency, FaultMatch.Method(method), FaultMatch.Path(path), FaultMatch.Times(times))
        {
            Latency = latency < TimeSpan.Zero ? TimeSpan.Zero : latency > MaxDelay ? MaxDelay : latency,
        });

    /// <summary>The next <paramref name="times"/> matching requests get no answer: the connection is dropped.</summary>
    public PgbFaultRule AddAbort(string method, string path, int times = 1) =>
        Add(new PgbFaultRule(PgbFaultKind.Abort, FaultMatch.Method(method), FaultMatch.Path(path), FaultMatch.Times(times)));

    /// <summary>The next <paramref name="times"/> GETs under <paramref name="path"/> (which must be <c>storage</c> or under
    /// <c>/storage</c>) send their headers, with the full <c>Content-Length</c>, and the first
    /// <paramref name="afterBytes"/> bytes of the body, then close the connection. A body no longer than that is sent
    /// whole (the request still counts).</summary>
    public PgbFaultRule AddBodyCut(string path, long afterBytes, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterBytes);
        var prefix = FaultMatch.Path(path);
        if (!new PathString(prefix).StartsWithSegments("/storage", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"A body cut applies to /storage downloads only, not '{path}'.", nameof(path));
        }

        return Add(new PgbFaultRule(PgbFaultKind.BodyCut, HttpMethods.Get, prefix, FaultMatch.Times(times)) { CutAfterBytes = afterBytes });
    }

    /// <summary>The next <paramref name="times"/> matching requests answer <paramref name="status"/> (400-599) with an HTML
    /// page (<c>text/html</c>) like a proxy's, titled with the status and its reason phrase, and, when given,
    /// <c>Retry-After</c>.</summary>
    public PgbFaultRule AddHtmlError(string method, string path, int status, int times = 1, int? retryAfterSeconds = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        return Add(new PgbFaultRule(PgbFaultKind.HtmlError, FaultMatch.Method(method), FaultMatch.Path(path), FaultMatch.Times(times))
        {
            Status = status,
            RetryAfterSeconds = RetryAfter(retryAfterSeconds),
            Message = Errors.ServerErrors.ReasonPhrase(status),
        });
    }

    /// <summary>The next <paramref name="times"/> matching requests answer <c>200 OK</c> with <c>{"error":message}</c>.</summary>
    public PgbFaultRule AddErrorInOk(string method, string path, string message = "An error occurred", int times = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        return Add(new PgbFaultRule(PgbFaultKind.ErrorInOk, FaultMatch.Method(method), FaultMatch.Path(path), FaultMatch.Times(times))
        {
            Status = StatusCodes.Status200OK,
            Message = message,
        });
    }

    /// <summary>The next <paramref name="times"/> matching requests get no answer: the connection is reset (RST), as a
    /// crashed peer or a middlebox does, where <see cref="AddAbort"/> may close it in order.</summary>
    public PgbFaultRule AddReset(string method, string path, int times = 1) =>
        Add(new PgbFaultRule(PgbFaultKind.Reset, FaultMatch.Method(method), FaultMatch.Path(path), FaultMatch.Times(times)));

    /// <summary>The next <paramref name="times"/> matching requests get their answer's headers (with the full
    /// <c>Content-Length</c>) and first <paramref name="afterBytes"/> bytes, then nothing for <paramref name="stall"/>
    /// (at most <see cref="MaxDelay"/>), then the rest, if the client is still there. A body no longer than
    /// <paramref name="afterBytes"/> is sent whole, then the stall comes before the end of the answer.</summary>
    public PgbFaultRule AddStall(string method, string path, long afterBytes, TimeSpan stall, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterBytes);
        return Add(new PgbFaultRule(PgbFaultKind.Stall, FaultMatch.Method(method), FaultMatch.Path(path), FaultMatch.Times(times))
        {
            StallAfterBytes = afterBytes,
            Latency = stall < TimeSpan.Zero ? TimeSpan.Zero : stall > MaxDelay ? MaxDelay : stall,
        });
    }

    /// <summary>The next <paramref name="times"/> matching requests get the status and headers their handler answers,
    /// with <c>Content-Length: 0</c> and no body: on a <c>/storage</c> download, an empty file.</summary>
    public PgbFaultRule AddEmptyBody(string method, string path, int times = 1) =>
        Add(new PgbFaultRule(PgbFaultKind.EmptyBody, FaultMatch.Method(method), FaultMatch.Path(path), FaultMatch.Times(times)));

    /// <summary>Removes every rule: requests from now on are served normally.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    private static int? RetryAfter(int? seconds)
    {
        if (seconds is not { } value)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(value, "retryAfterSeconds");
        return Math.Min(value, (int)MaxDelay.TotalSeconds);
    }

    private PgbFaultRule Add(PgbFaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }
        return rule;
    }

    /// <summary>Uses up the rules that match one request: its total latency, and the rule that decides it, if any.</summary>
    internal InjectedFaults Take(string method, PathString path)
    {
        var latency = TimeSpan.Zero;
        PgbFaultRule? decisive = null;
        var applied = new List<string>();
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if ((rule.Kind != PgbFaultKind.Latency && decisive is not null) || !rule.TryTake(method, path, out var ordinal))
                {
                    continue;
                }

                applied.Add($"{rule.Action} ({ordinal} of {rule.Times})");
                if (rule.Kind == PgbFaultKind.Latency)
                {
                    latency += rule.Latency;
                }
                else
                {
                    decisive = rule;
                }
            }
        }

        return new InjectedFaults(latency > MaxDelay ? MaxDelay : latency, decisive, applied.Count == 0 ? null : string.Join(", ", applied));
    }
}
