using System.Diagnostics;

namespace Pgb.Pipeline;

/// <summary>Time as the wait loop sees it; tests pass one that advances instantly.</summary>
public class PgbClock
{
    public static PgbClock System { get; } = new();

    /// <summary>A monotonic timestamp (not wall time: the wait must survive clock changes).</summary>
    public virtual TimeSpan Now => TimeSpan.FromSeconds(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);

    public virtual Task Delay(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);
}
