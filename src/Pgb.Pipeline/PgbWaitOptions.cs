namespace Pgb.Pipeline;

/// <summary>How to wait for builds: a growing poll interval, bounded by an overall timeout.</summary>
public sealed class PgbWaitOptions
{
    /// <summary>How long to wait in all before failing with PGB3002.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The first interval between two polls.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The interval grows by this factor after each poll that saw no change...</summary>
    public double BackoffFactor { get; set; } = 1.5;

    /// <summary>...up to this.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        if (Timeout <= TimeSpan.Zero)
            throw new PgbPipelineException(PgbErrorCodes.TimingInvalid, Strings.TimingInvalid.F("The timeout", Timeout.TotalSeconds));
        if (PollInterval <= TimeSpan.Zero)
            throw new PgbPipelineException(PgbErrorCodes.TimingInvalid, Strings.TimingInvalid.F("The poll interval", PollInterval.TotalSeconds));
    }
}
