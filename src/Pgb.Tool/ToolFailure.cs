using Pgb.Client;
using Pgb.Pipeline;

namespace Pgb.Tool;

/// <summary>A failure as the tool reports it: a <c>PGB####</c> code and a message, never a stack trace.</summary>
internal sealed record ToolFailure(string Code, string Message)
{
    /// <summary>
    /// Classifies anything a command threw: the pipeline's coded errors keep their code; a cancellation the
    /// user asked for is PGB0001; anything else is PGB0000 with its message only.
    /// </summary>
    public static ToolFailure From(Exception exception, CancellationToken cancellationToken)
    {
        // Once the user asked to stop, whatever the interrupted step threw is a consequence of that.
        if (cancellationToken.IsCancellationRequested) return Canceled;

        return exception switch
        {
            PgbPipelineException coded => new(coded.Code, coded.Message),
            OperationCanceledException => Canceled,
            AggregateException { InnerExceptions.Count: 1 } aggregate => From(aggregate.InnerExceptions[0], cancellationToken),
            _ => new(PgbErrorCodes.Unexpected, PgbRedaction.Redact(exception.Message)),
        };
    }

    public static ToolFailure Canceled { get; } = new(PgbErrorCodes.Canceled, "Canceled.");
}
