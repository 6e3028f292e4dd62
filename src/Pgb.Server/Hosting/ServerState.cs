using Pgb.Server.Pipeline;
using Pgb.Server.Stores;

namespace Pgb.Server.Hosting;

/// <summary>Everything one running server shares between its pipeline and handlers (one per <see cref="PgbServer"/>,
/// so several servers can run side by side in one test process).</summary>
internal sealed class ServerState
{
    public ServerState(PgbServerOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        Accounts = new InMemoryAccountStore(options.Accounts, time.GetUtcNow());
        Simulation = new PgbSimulation(options.BuildDuration, options.FailingPlatforms);
    }

    public PgbServerOptions Options { get; }

    public TimeProvider Time { get; }

    public IAccountStore Accounts { get; }

    public IAppStore Apps { get; } = new InMemoryAppStore();

    public IBlobStore Blobs { get; } = new InMemoryBlobStore();

    public PgbSimulation Simulation { get; }

    public RequestJournal Journal { get; } = new();

    public DateTimeOffset Now => Time.GetUtcNow();
}
