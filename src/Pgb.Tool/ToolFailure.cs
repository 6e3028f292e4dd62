namespace Pgb.Tool;

/// <summary>A failure as the tool reports it: a <c>PGB####</c> code and a message, never a stack trace.</summary>
internal sealed record ToolFailure(string Code, string Message)
{
    /// <summary>
    /// Classifies anything a command threw: coded errors (the pipeline's and the tool's own) keep their code; anything after the user
    /// asked to stop is PGB0001; anything else (a cancellation nobody asked for included) is PGB0000 with its message only.
    /// </summary>
    public static ToolFailure From(Exception exception, CancellationToken cancellationToken)
    {
        // Once the user asked to stop, whatever the interrupted step threw is a consequence of that.
        if (cancellationToken.IsCancellationRequested)
        {
            return Canceled;
        }

        return exception switch
        {
            PgbException coded => new(coded.Code, coded.Message),
            // Not the user's doing: a time limit somebody forgot to turn into a coded error. Calling it "canceled"
            // (exit 130) would tell a script that someone pressed Ctrl+C.
            OperationCanceledException => new(PgbErrorCodes.Unexpected, Strings.UnaskedCancellation.F(PgbRedaction.Redact(exception.Message))),
            AggregateException { InnerExceptions.Count: 1 } aggregate => From(aggregate.InnerExceptions[0], cancellationToken),
            _ => new(PgbErrorCodes.Unexpected, PgbRedaction.Redact(exception.Message)),
        };
    }

    public static ToolFailure Canceled { get; } = new(PgbErrorCodes.Canceled, Strings.Canceled);
}
