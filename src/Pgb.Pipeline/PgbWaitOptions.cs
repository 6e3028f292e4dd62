namespace Pgb.Pipeline;

/// <summary>How to wait for builds: a growing poll interval, bounded by an overall timeout.</summary>
public sealed class PgbWaitOptions
{
    /// <summary>
    /// The default <see cref="Timeout"/>, in seconds: the one source of <c>PgbTimeoutSeconds</c>' default (the MSBuild
    /// tasks apply it when the property is empty), of <c>pgb build --timeout</c>'s and of the docs' (a test keeps
    /// docs/msbuild.md and docs/pgb.md in step).
    /// </summary>
    public const int DefaultTimeoutSeconds = 1800;

    /// <summary>The default <see cref="PollInterval"/>, in seconds (<c>PgbPollIntervalSeconds</c>, <c>--poll</c>).</summary>
    public const int DefaultPollIntervalSeconds = 2;

    /// <summary>The default <see cref="BackoffFactor"/>.</summary>
    public const double DefaultBackoffFactor = 1.5;

    /// <summary>The default <see cref="MaxPollInterval"/>, in seconds.</summary>
    public const int DefaultMaxPollIntervalSeconds = 30;

    /// <summary>
    /// The default longest wait for each byte of an answer (the first included), in seconds: the client's own default
    /// (<see cref="PgbClientOptions.DefaultRequestTimeoutSeconds"/>), quoted here beside the other waits for
    /// <c>PgbRequestTimeoutSeconds</c>, <c>pgb build --request-timeout</c> and the docs. A step that gets no answer gives
    /// up after three of these, retries included.
    /// </summary>
    public const int DefaultRequestTimeoutSeconds = PgbClientOptions.DefaultRequestTimeoutSeconds;

    /// <summary>
    /// The default <see cref="NotBuiltPolls"/>. The service turns each queued platform to <c>pending</c> as it accepts
    /// the queue, so a <c>null</c> right after it is a stale read (a replica or a cache behind the API) that the next
    /// poll or two clear; four polls in a row, at least three poll intervals (about 10 s by default), outlast that and
    /// still fail in seconds rather than at the end of <see cref="Timeout"/>.
    /// </summary>
    public const int DefaultNotBuiltPolls = 4;

    /// <summary>How long to wait in all before failing with PGB3002.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(DefaultTimeoutSeconds);

    /// <summary>The first interval between two polls.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(DefaultPollIntervalSeconds);

    /// <summary>The interval grows by this factor after each poll that saw no change...</summary>
    public double BackoffFactor { get; set; } = DefaultBackoffFactor;

    /// <summary>...up to this.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(DefaultMaxPollIntervalSeconds);

    /// <summary>
    /// How many polls in a row may show a chosen platform <c>null</c> (not being built) while the app has no signing
    /// key for it, or <c>skip</c>, before the wait fails with PGB3004 instead of waiting out <see cref="Timeout"/>.
    /// </summary>
    public int NotBuiltPolls { get; set; } = DefaultNotBuiltPolls;

    internal void Validate()
    {
        if (Timeout <= TimeSpan.Zero)
        {
            throw new PgbPipelineException(PgbErrorCodes.TimingInvalid, Strings.TimingInvalid.F(Strings.TheTimeout, Timeout.TotalSeconds));
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            throw new PgbPipelineException(PgbErrorCodes.TimingInvalid, Strings.TimingInvalid.F(Strings.ThePollInterval, PollInterval.TotalSeconds));
        }
    }
}
