namespace Pgb.Pipeline.Tests;

/// <summary>
/// The pipeline's <see cref="PgbClock"/> on virtual time: a <see cref="ManualClock"/> that every Delay moves forward
/// at once, recording the delay asked for. The wait loop then runs through hours of polling in no time.
/// </summary>
internal sealed class ManualPgbClock : PgbClock
{
    private readonly ManualClock _time = new();
    private readonly long _start;
    private readonly List<TimeSpan> _delays = [];

    public ManualPgbClock() => _start = _time.GetTimestamp();

    /// <summary>The manual clock's timestamp as a time span: monotonic, like <see cref="PgbClock.Now"/>.</summary>
    public override TimeSpan Now => _time.GetElapsedTime(0);

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_delays)
            {
                return [.. _delays];
            }
        }
    }

    /// <summary>The virtual time that passed since the clock was made.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_start);

    public override Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_delays)
        {
            _delays.Add(delay);
            _time.Advance(delay);
        }

        return Task.CompletedTask;
    }
}
