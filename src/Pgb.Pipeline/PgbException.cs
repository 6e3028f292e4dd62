namespace Pgb.Pipeline;

/// <summary>
/// A failure with a <c>PGB####</c> code (docs/errors.md) and a message that says what to do. The MSBuild tasks log
/// it as one coded error and <c>pgb</c> turns its code into the exit code, whichever layer threw it: the pipeline
/// (<see cref="PgbPipelineException"/>) or the tool's own checks.
/// </summary>
public abstract class PgbException : Exception
{
    protected PgbException(string code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>A <c>PGB####</c> code: <see cref="PgbErrorCodes"/>, or the tool's own.</summary>
    public string Code { get; }

    public override string ToString() => Code + ": " + Message;
}
