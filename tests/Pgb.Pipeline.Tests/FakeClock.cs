namespace Pgb.Pipeline.Tests;

/// <summary>Virtual time: Delay returns at once and moves Now forward, recording every delay asked for.</summary>
internal sealed class FakeClock : PgbClock
{
    private readonly List<TimeSpan> _delays = [];
    private TimeSpan _now = TimeSpan.FromHours(1);

    public override TimeSpan Now
    {
        get
        {
            lock (_delays) return _now;
        }
    }

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_delays) return [.. _delays];
        }
    }

    public TimeSpan Elapsed => Now - TimeSpan.FromHours(1);

    public override Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_delays)
        {
            _delays.Add(delay);
            _now += delay;
        }

        return Task.CompletedTask;
    }
}
