namespace Pgb.Client;

/// <summary>Time limits as timers take them.</summary>
internal static class Timeouts
{
    /// <summary>The longest a timer accepts (int.MaxValue milliseconds, about 24.8 days).</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    /// <summary>
    /// <paramref name="limit"/> for <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>: a limit longer than a
    /// timer takes (or <see cref="Timeout.InfiniteTimeSpan"/>) never fires, rather than throwing.
    /// </summary>
    public static TimeSpan ForTimer(TimeSpan limit) => limit == Timeout.InfiniteTimeSpan || limit >= Longest ? Timeout.InfiniteTimeSpan : limit;

    /// <summary><paramref name="limit"/> times <paramref name="factor"/>, where a product that does not fit is infinite.</summary>
    public static TimeSpan Times(TimeSpan limit, int factor) =>
        limit == Timeout.InfiniteTimeSpan || limit.Ticks > long.MaxValue / factor ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks(limit.Ticks * factor);

    /// <summary>Seconds as messages print them: "60 s", "0.5 s".</summary>
    public static string Describe(TimeSpan limit) =>
        limit == Timeout.InfiniteTimeSpan ? "ever" : limit.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
