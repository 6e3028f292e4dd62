namespace Pgb.Server.Tests;

/// <summary>A clock the test moves by hand. Wall time (<see cref="GetUtcNow"/>) and elapsed time
/// (<see cref="GetTimestamp"/>) move separately, as they do on a real machine when NTP or a VM resume sets the
/// wall clock.</summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _wall = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) { return _wall; }
    }

    public override long GetTimestamp()
    {
        lock (_gate) { return _ticks; }
    }

    /// <summary>Time passes: both clocks move.</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _wall += by;
            _ticks += by.Ticks;
        }
    }

    /// <summary>Someone sets the wall clock; no time passes.</summary>
    public void SetWallClock(DateTimeOffset wall)
    {
        lock (_gate) { _wall = wall; }
    }
}
