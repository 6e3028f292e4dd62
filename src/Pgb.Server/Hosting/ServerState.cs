using Pgb.Server.Apps;
using Pgb.Server.Inspection;
using Pgb.Server.Keys;
using Pgb.Server.Middleware;
using Pgb.Server.Stores;

namespace Pgb.Server.Hosting;

/// <summary>Everything one running server shares between its middleware and handlers (one per <see cref="PgbServer"/>,
/// so several servers can run side by side in one test process): the accounts, the storage, and the services that own
/// apps and keys.</summary>
internal sealed class ServerState
{
    private readonly DateTimeOffset _startedAt;
    private readonly long _startedTimestamp;

    public ServerState(PgbServerOptions options, TimeProvider time)
    {
        Options = options;
        Limits = (options.Limits ?? new ServerLimits()) with { MaxUploadBytes = options.MaxUploadBytes };
        Time = time;
        _startedAt = time.GetUtcNow();
        _startedTimestamp = time.GetTimestamp();
        Simulation = new PgbSimulation(options.BuildDuration, options.FailingPlatforms);
        IReadOnlyList<PgbAccount> accounts = options.Accounts.Count == 0 ? [PgbAccount.Development] : [.. options.Accounts];
        Storage = options.DataDirectory is null
            ? ServerStorage.InMemory(accounts, _startedAt)
            : ServerStorage.Open(options.DataDirectory, accounts, _startedAt, () => Now);
        Accounts = new InMemoryAccountStore(Storage.Accounts);
        foreach (var unreachable in Storage.Unreachable)
        {
            options.Log?.Invoke($"apps {string.Join(", ", unreachable.AppIds)} in {Storage.DataDirectory} belong to {unreachable.OwnerEmail}, " +
                "an account not configured now: nobody can reach them until an account with that e-mail is configured again");
        }

        // Signing keys live in memory only, even with a data directory.
        Keys = new KeyService(new KeyStore(), Simulation, () => Now);
        Apps = new AppService(Storage.Apps, Storage.Blobs, Keys, Simulation, InspectionLimits.Default, () => Now, new AppAccess(Accounts));
    }

    public PgbServerOptions Options { get; }

    public ServerLimits Limits { get; }

    public TimeProvider Time { get; }

    public IAccountStore Accounts { get; }

    /// <summary>In memory, or the data directory's stores (opened, locked and read by the constructor).</summary>
    public ServerStorage Storage { get; }

    public PgbSimulation Simulation { get; }

    public AppService Apps { get; }

    public KeyService Keys { get; }

    public RequestJournal Journal { get; } = new();

    /// <summary>The wall clock at start-up plus the monotonic time since. Build outcomes are computed from it, and the
    /// wall clock itself may be set back (NTP, a resumed VM): a pending build must not wait for it to catch up.</summary>
    public DateTimeOffset Now => _startedAt + Time.GetElapsedTime(_startedTimestamp);

    /// <summary>Releases the data directory once the server has stopped (a failure to record finished builds is
    /// logged, not thrown: stopping must not fail because of it).</summary>
    public void Close()
    {
        if (Storage.Close() is { } problem)
        {
            Options.Log?.Invoke($"could not record finished builds in {Storage.DataDirectory}: {problem.Message}");
        }
    }
}
