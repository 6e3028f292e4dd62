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

    /// <summary>Answers a 4xx/5xx status with an HTML page, as a proxy or load balancer in front of the service did.</summary>
    HtmlError,

    /// <summary>Answers 200 with <c>{"error":...}</c>: the service reported some failures with a success status.</summary>
    ErrorInOk,

    /// <summary>Resets the connection (a TCP RST, not an orderly close) without an answer.</summary>
    Reset,

    /// <summary>Sends the answer's headers and first bytes, then nothing for a while, then the rest.</summary>
    Stall,

    /// <summary>Sends the handler's status and headers with no body at all (<c>Content-Length: 0</c>): an empty file.</summary>
    EmptyBody,
}
