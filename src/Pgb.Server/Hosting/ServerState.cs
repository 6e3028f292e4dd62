using Pgb.Server.Middleware;

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

        Keys = new KeyService(Storage.Keys, Storage.Blobs, Simulation, () => Now);
        if (options.Accounts.Count == 0)
        {
            AddDevelopmentKeys(Storage.Accounts[0]);
        }

        Checkouts = new RepositoryCheckouts(options.Git ?? GitSettings.Default, InspectionLimits.Default, options.Log);
        Apps = new AppService(Storage.Apps, Storage.Blobs, Keys, Simulation, InspectionLimits.Default, () => Now, new AppAccess(Accounts), Checkouts);
        Apps.ResumeCheckouts();
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

    /// <summary>Repository fetches under way.</summary>
    public RepositoryCheckouts Checkouts { get; }

    public RequestJournal Journal { get; } = new();

    /// <summary>The port of the storage origin, once the server has started with one; null when storage is served by the
    /// API's origin.</summary>
    public int? StoragePort { get; set; }

    /// <summary>Time since the server was built, on its clock.</summary>
    public TimeSpan Uptime => Time.GetElapsedTime(_startedTimestamp);

    /// <summary>The wall clock at start-up plus the monotonic time since. Build outcomes are computed from it, and the
    /// wall clock itself may be set back (NTP, a resumed VM): a pending build must not wait for it to catch up.</summary>
    public DateTimeOffset Now => _startedAt + Time.GetElapsedTime(_startedTimestamp);

    /// <summary>The built-in development account (used when no account is configured) starts with default keys; accounts
    /// configured with <see cref="PgbServerOptions.Accounts"/> start with none, like a new account of the service.</summary>
    private void AddDevelopmentKeys(StoredAccount development)
    {
        try
        {
            Keys.AddDevelopmentKeys(development);
        }
        catch (StorageException e)
        {
            Storage.Close();
            throw new PgbDataDirectoryException(PgbDataDirectoryProblem.Inaccessible, Storage.DataDirectory!,
                $"The data directory {Storage.DataDirectory} cannot be written: {e.Message}", e);
        }
    }

    /// <summary>Releases the data directory once the server has stopped (a failure to record finished builds is
    /// logged, not thrown: stopping must not fail because of it).</summary>
    public void Close()
    {
        // First, so that no fetch records its result into a directory another server may open next.
        Checkouts.Stop(TimeSpan.FromSeconds(15));
        if (Storage.Close() is { } problem)
        {
            Options.Log?.Invoke($"could not record finished builds in {Storage.DataDirectory}: {problem.Message}");
        }
    }
}
