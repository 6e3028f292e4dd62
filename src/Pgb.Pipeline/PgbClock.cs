using System.Diagnostics;

namespace Pgb.Pipeline;

/// <summary>Time as the wait loop sees it; tests pass one that advances instantly.</summary>
public class PgbClock
{
    /// <summary>
    /// The longest single <see cref="Task.Delay(TimeSpan, CancellationToken)"/> every runtime accepts (int.MaxValue
    /// milliseconds on .NET Framework, about 24.8 days); longer delays are waited in pieces.
    /// </summary>
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    public static PgbClock System { get; } = new();

    /// <summary>A monotonic timestamp (not wall time: the wait must survive clock changes).</summary>
    public virtual TimeSpan Now => TimeSpan.FromSeconds(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);

    /// <summary>
    /// Waits <paramref name="delay"/>. Timeouts and poll intervals are whatever positive number of seconds the user
    /// gave, so a delay of weeks must wait rather than throw ArgumentOutOfRangeException (PGB0000).
    /// </summary>
    public virtual async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (delay > LongestDelay)
        {
            await Task.Delay(LongestDelay, cancellationToken).ConfigureAwait(false);
            delay -= LongestDelay;
        }

        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }
}
