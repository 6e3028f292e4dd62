namespace Pgb.Server.Faults;

/// <summary>What the fault plan does to one request: wait <see cref="Latency"/>, then let <see cref="Decisive"/> (a status,
/// an abort or a body cut) replace or spoil the answer. <see cref="Description"/> (null when no rule matched) is what the
/// journal and the log record.</summary>
internal sealed record InjectedFaults(TimeSpan Latency, PgbFaultRule? Decisive, string? Description)
{
    /// <summary>The <see cref="HttpContext.Items"/> key under which the fault middleware leaves this for the request log.</summary>
    public static readonly object ItemKey = new();

    public bool IsEmpty => Description is null;

    /// <summary>True when the request got no answer at all (the journal records status 0).</summary>
    public bool Aborted => Decisive?.Kind is PgbFaultKind.Abort or PgbFaultKind.Reset;
}
