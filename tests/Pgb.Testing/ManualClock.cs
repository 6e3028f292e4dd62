namespace Pgb.Testing;

/// <summary>
/// A clock the test moves by hand. Wall time (<see cref="GetUtcNow"/>) and elapsed time (<see cref="GetTimestamp"/>)
/// move separately, as they do on a real machine when NTP or a VM resume sets the wall clock. The timestamp starts
/// at one hour, not zero, so code that takes a timestamp for an elapsed time is caught.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _wall = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private long _ticks = TimeSpan.FromHours(1).Ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _wall;
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _ticks;
        }
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
        lock (_gate)
        {
            _wall = wall;
        }
    }
}
