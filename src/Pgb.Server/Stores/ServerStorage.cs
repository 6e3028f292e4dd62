namespace Pgb.Server.Stores;

/// <summary>The accounts' ids and the app and blob stores of one server: in memory (the default), or persisted in a data
/// directory that this server holds locked until <see cref="Close"/>.</summary>
internal sealed class ServerStorage
{
    private readonly DataDirectory? _directory;
    private readonly FileAppStore? _fileApps;
    private int _closed;

    private ServerStorage(IReadOnlyList<StoredAccount> accounts, IAppStore apps, KeyStore keys, IBlobStore blobs, DataDirectory? directory, FileAppStore? fileApps)
    {
        Accounts = accounts;
        Apps = apps;
        Keys = keys;
        Blobs = blobs;
        _directory = directory;
        _fileApps = fileApps;
        Unreachable = [.. apps.All()
            .Where(app => !accounts.Any(a => a.Id == app.OwnerId))
            .GroupBy(app => app.OwnerEmail, StringComparer.OrdinalIgnoreCase)
            .Select(owner => new PgbUnreachableApps(owner.Key, [.. owner.Select(app => app.Id)]))];
    }

    /// <summary>The configured accounts with their ids: positions in memory; in a data directory, the ids the directory
    /// gave their e-mails (<see cref="AccountRegistry"/>).</summary>
    public IReadOnlyList<StoredAccount> Accounts { get; }

    /// <summary>Apps of accounts not configured now, by owner.</summary>
    public IReadOnlyList<PgbUnreachableApps> Unreachable { get; }

    public IAppStore Apps { get; }

    /// <summary>Every account's signing keys (in keys.json with a data directory).</summary>
    public KeyStore Keys { get; }

    public IBlobStore Blobs { get; }

    /// <summary>Full path of the data directory, or null in memory.</summary>
    public string? DataDirectory => _directory?.Root;

    /// <summary>Nothing persisted: the accounts' ids are their positions (1 = the first).</summary>
    public static ServerStorage InMemory(IReadOnlyList<PgbAccount> accounts, DateTimeOffset startedAt) =>
        new([.. accounts.Select((account, index) => new StoredAccount(index + 1, account, startedAt))], new InMemoryAppStore(), new KeyStore(), new InMemoryBlobStore(), null, null);

    /// <summary>Locks and reads the directory, entirely, before the server answers anything.</summary>
    /// <exception cref="PgbDataDirectoryException">the directory cannot be used; it is left unlocked.</exception>
    public static ServerStorage Open(string path, IReadOnlyList<PgbAccount> accounts, DateTimeOffset loadedAt, Func<DateTimeOffset> now)
    {
        var directory = Stores.DataDirectory.Open(path);
        try
        {
            var registry = AccountRegistry.Open(directory, accounts, loadedAt);

            // Keys before apps: the apps' loader records the accounts, the keys' owners included.
            var keys = KeyFileStore.Load(directory, registry);
            var apps = FileAppStoreLoader.Load(directory, loadedAt, now, registry);
            var blobs = new FileBlobStore(directory);
            blobs.DeleteAllExcept(apps.All().SelectMany(app => app.BlobKeys()).Concat(keys.BlobKeys()));
            var stored = accounts.Select(account => new StoredAccount(registry.IdOf(account.Email), account, registry.CreatedAt(account.Email))).ToList();
            return new ServerStorage(stored, apps, keys, blobs, directory, apps);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Records which builds have finished and releases the directory. Idempotent.</summary>
    /// <returns>what went wrong while recording, for the log; the directory is released regardless.</returns>
    public Exception? Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return null;
        }

        try
        {
            _fileApps?.Checkpoint();
            return null;
        }
        catch (Exception e) when (e is StorageException or ObjectDisposedException)
        {
            // Only the "finished" marks are lost: such builds get at most their duration again after a restart.
            return e;
        }
        finally
        {
            _directory?.Dispose();
        }
    }
}
