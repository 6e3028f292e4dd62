namespace Pgb.Client;

/// <summary>Why a request failed: what the caller can do about it differs for each (the pipeline gives each its own code).</summary>
public enum PgbFailureKind
{
    /// <summary>The service answered an error status (<see cref="PgbRequestFailedException.Status"/>), or a redirect where none belongs.</summary>
    Status,

    /// <summary>No connection could be made (refused, unknown host, unreachable network): the request was never sent.</summary>
    Unreachable,

    /// <summary>The connection was made but dropped before any answer (reset, closed).</summary>
    NoAnswer,

    /// <summary>The connection was made but no byte came (or went) for the request timeout: a silent or stalled server.</summary>
    TimedOut,

    /// <summary>An answer had started and its body broke off before its end (<see cref="PgbRequestFailedException.Interrupted"/>).</summary>
    Interrupted,

    /// <summary>
    /// A success that is not what was asked for: not HTTP, not JSON, the wrong shape, an <c>{"error":...}</c> with a
    /// success status, a download without a usable location, redirects without end.
    /// </summary>
    UnexpectedAnswer,

    /// <summary>A downloaded package that cannot be one: empty, or not a zip where the platform's package is a zip.</summary>
    InvalidPackage,
}
