namespace Pgb.Tool;

/// <summary>
/// A failure only the command line can have (a malformed option value, a server that cannot start), with one of
/// <see cref="ToolErrorCodes"/>; the pipeline's own failures stay <see cref="PgbPipelineException"/>.
/// </summary>
public sealed class PgbToolException : PgbException
{
    public PgbToolException(string code, string message, Exception? innerException = null)
        : base(code, message, innerException)
    {
    }
}
