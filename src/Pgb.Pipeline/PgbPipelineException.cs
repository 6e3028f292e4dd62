namespace Pgb.Pipeline;

/// <summary>A failure of the pipeline with its <see cref="PgbErrorCodes">code</see>; the message says what to do.</summary>
public sealed class PgbPipelineException : PgbException
{
    public PgbPipelineException(string code, string message, Exception? innerException = null)
        : base(code, message, innerException)
    {
    }

    /// <summary>The HTTP status when the failure was an answer of the service; otherwise null.</summary>
    public int? HttpStatus => (InnerException as Pgb.Client.PgbRequestFailedException)?.Status;
}
