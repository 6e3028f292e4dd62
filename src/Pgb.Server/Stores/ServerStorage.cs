namespace Pgb.Server.Stores;

/// <summary>The app and blob stores of one server: in memory (the default), or persisted in a data directory that this
/// server holds locked until <see cref="Close"/>.</summary>
internal sealed class ServerStorage
{
    private readonly DataDirectory? _directory;
    private readonly FileAppStore? _fileApps;
    private int _closed;

    private ServerStorage(IAppStore apps, IBlobStore blobs, DataDirectory? directory, FileAppStore? fileApps)
    {
        Apps = apps;
        Blobs = blobs;
        _directory = directory;
        _fileApps = fileApps;
    }

    public IAppStore Apps { get; }

    public IBlobStore Blobs { get; }

    /// <summary>Full path of the data directory, or null in memory.</summary>
    public string? DataDirectory => _directory?.Root;

    public static ServerStorage InMemory() => new(new InMemoryAppStore(), new InMemoryBlobStore(), null, null);

    /// <summary>Locks and reads the directory, entirely, before the server answers anything.</summary>
    /// <exception cref="PgbDataDirectoryException">the directory cannot be used; it is left unlocked.</exception>
    public static ServerStorage Open(string path, DateTimeOffset loadedAt, Func<DateTimeOffset> now, Func<int, string?> ownerEmail)
    {
        var directory = Stores.DataDirectory.Open(path);
        try
        {
            var apps = FileAppStoreLoader.Load(directory, loadedAt, now, ownerEmail);
            var blobs = new FileBlobStore(directory);
            blobs.DeleteAllExcept(apps.All().SelectMany(app => app.BlobKeys()));
            return new ServerStorage(apps, blobs, directory, apps);
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
