using Pgb.Server.Pipeline;
using Pgb.Server.Stores;

namespace Pgb.Server.Hosting;

/// <summary>Everything one running server shares between its pipeline and handlers (one per <see cref="PgbServer"/>,
/// so several servers can run side by side in one test process).</summary>
internal sealed class ServerState
{
    private readonly DateTimeOffset _startedAt;
    private readonly long _startedTimestamp;

    public ServerState(PgbServerOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        _startedAt = time.GetUtcNow();
        _startedTimestamp = time.GetTimestamp();
        Accounts = new InMemoryAccountStore(options.Accounts, _startedAt);
        Simulation = new PgbSimulation(options.BuildDuration, options.FailingPlatforms);
    }

    public PgbServerOptions Options { get; }

    public TimeProvider Time { get; }

    public IAccountStore Accounts { get; }

    public IAppStore Apps { get; } = new InMemoryAppStore();

    public IBlobStore Blobs { get; } = new InMemoryBlobStore();

    public PgbSimulation Simulation { get; }

    public RequestJournal Journal { get; } = new();

    /// <summary>The wall clock at start-up plus the monotonic time since. Build outcomes are computed from it, and the
    /// wall clock itself may be set back (NTP, a resumed VM): a pending build must not wait for it to catch up.</summary>
    public DateTimeOffset Now => _startedAt + Time.GetElapsedTime(_startedTimestamp);
}
