namespace Pgb.Server;

/// <summary>What a <see cref="PgbFaultRule"/> does to a request it matches.</summary>
public enum PgbFaultKind
{
    /// <summary>Answers a 4xx/5xx status with <c>{"error":...}</c> (and optionally <c>Retry-After</c>) instead of the handler.</summary>
    Status,

    /// <summary>Waits before the request goes on (to the handler, or to another fault).</summary>
    Latency,

    /// <summary>Drops the connection without an answer (<c>HttpContext.Abort</c>).</summary>
    Abort,

    /// <summary>Sends the headers and the first bytes of a <c>/storage</c> download, then closes the connection.</summary>
    BodyCut,
}
