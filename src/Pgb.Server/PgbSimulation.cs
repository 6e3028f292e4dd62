namespace Pgb.Server;

/// <summary>The knobs of the build simulation, changeable while the server runs (tests flip a platform to
/// failing between two builds). Build values are read when a build is queued, so a change affects later queues only.</summary>
public sealed class PgbSimulation
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _rejectedKeyPasswords = new(StringComparer.Ordinal);
    private TimeSpan _buildDuration;

    /// <summary>The longest a simulated build stays <c>pending</c>: longer than any client's default wait (the pipeline
    /// gives up after 30 minutes), so timeouts can still be tested, but finite, so no build hangs a client forever.</summary>
    public static readonly TimeSpan MaxBuildDuration = TimeSpan.FromHours(1);

    internal PgbSimulation(TimeSpan buildDuration, IEnumerable<KeyValuePair<string, string>> failures)
    {
        BuildDuration = buildDuration;
        foreach (var (platform, message) in failures)
        {
            FailPlatform(platform, message);
        }
    }

    /// <summary>How long a queued platform stays <c>pending</c>. Negative values count as zero, values above
    /// <see cref="MaxBuildDuration"/> as that.</summary>
    public TimeSpan BuildDuration
    {
        get { lock (_gate) { return _buildDuration; } }
        set { lock (_gate) { _buildDuration = value < TimeSpan.Zero ? TimeSpan.Zero : value > MaxBuildDuration ? MaxBuildDuration : value; } }
    }

    /// <summary>Faults injected into requests (error statuses, latency, dropped connections, cut downloads), to test a
    /// client's retries. Unlike the build settings, rules apply to the very next matching request.</summary>
    public PgbFaultPlan Faults { get; } = new();

    /// <summary>Snapshot of the failing platforms (canonical names) and their messages.</summary>
    public IReadOnlyDictionary<string, string> FailingPlatforms
    {
        get { lock (_gate) { return new Dictionary<string, string>(_failures, StringComparer.OrdinalIgnoreCase); } }
    }

    /// <summary>Builds of <paramref name="platform"/> queued from now on end in <c>error</c> with <paramref name="message"/>.</summary>
    public void FailPlatform(string platform, string message)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(message);
        if (!Platforms.TryNormalize(platform, out var canonical))
        {
            throw new ArgumentException($"Unknown platform '{platform}'. Known: {string.Join(", ", Platforms.All)} (windows = winphone).", nameof(platform));
        }

        lock (_gate)
        {
            _failures[canonical] = message;
        }
    }

    /// <summary>Builds queued from now on succeed on every platform.</summary>
    public void ClearFailures()
    {
        lock (_gate)
        {
            _failures.Clear();
        }
    }

    /// <summary>Signing-key passwords the simulation treats as wrong. The service never checked passwords on upload or
    /// unlock; a wrong one surfaced only as the build error "Keystore was tampered with, or password was incorrect".
    /// The server cannot open real keystores, so a test names the wrong passwords here: a build queued with a selected
    /// key holding any of them ends in that error. Compared exactly (case-sensitive). Never logged.</summary>
    public void RejectKeyPassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        lock (_gate)
        {
            _rejectedKeyPasswords.Add(password);
        }
    }

    /// <summary>From now on every key password counts as right.</summary>
    public void ClearRejectedKeyPasswords()
    {
        lock (_gate)
        {
            _rejectedKeyPasswords.Clear();
        }
    }

    /// <summary>A snapshot, compared against the hashes of a key's passwords when a build is queued.</summary>
    internal IReadOnlyCollection<string> RejectedKeyPasswords()
    {
        lock (_gate)
        {
            return [.. _rejectedKeyPasswords];
        }
    }

    internal (TimeSpan Duration, string? Failure) ForQueue(string platform)
    {
        lock (_gate)
        {
            return (_buildDuration, _failures.TryGetValue(platform, out var message) ? message : null);
        }
    }
}
