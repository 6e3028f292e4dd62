namespace Pgb.Pipeline;

/// <summary>A failure of the pipeline with its <see cref="PgbErrorCodes">code</see>; the message says what to do.</summary>
public sealed class PgbPipelineException : Exception
{
    public PgbPipelineException(string code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>A <c>PGB####</c> code.</summary>
    public string Code { get; }

    /// <summary>The HTTP status when the failure was an answer of the service; otherwise null.</summary>
    public int? HttpStatus => (InnerException as Pgb.Client.PgbRequestFailedException)?.Status;

    public override string ToString() => Code + ": " + Message;
}
