using Microsoft.Build.Utilities;

namespace Pgb.Build.Tasks;

/// <summary>
/// The pipeline's progress as build messages (<c>PhoneGap Build: message</c>), logged on the reporting thread so
/// that nothing is logged after the task ended. A byte count that comes after its platform's file was saved is
/// stale (a caller may pass reports through a <see cref="Progress{T}"/>) and is left out, as the <c>pgb</c> tool does.
/// </summary>
internal sealed class BuildLogProgress(TaskLoggingHelper log, MessageImportance importance) : IProgress<PgbProgress>
{
    private readonly HashSet<string> _saved = new(StringComparer.Ordinal);

    public void Report(PgbProgress value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        lock (_saved)
        {
            switch (value.Kind)
            {
                case PgbProgressKind.TransferProgress when _saved.Contains(value.Platform!):
                    return;
                case PgbProgressKind.TransferDone:
                    _saved.Add(value.Platform!);
                    break;
            }

            log.LogMessage(importance, string.Format(CultureInfo.InvariantCulture, Strings.ProgressLine, value.Message));
        }
    }
}
