namespace Pgb.Server.Stores;

/// <summary>The layout of a data directory and the lock that makes it one server's:
/// <code>
/// DIR/pgb-server.lock   held open exclusively while a server uses DIR
/// DIR/state.json        format version and the last app id handed out
/// DIR/accounts.json     every account that used DIR: e-mail, id, user name (format 2 on)
/// DIR/keys.json         every account's signing keys: passwords as hashes, files as blobs (format 3 on)
/// DIR/apps/N.json       one file per app (metadata and builds)
/// DIR/blobs/...         uploaded sources, icons, packages, key files (keys mapped by BlobPaths)
/// DIR/tmp/              files being written; renamed into place when complete, emptied at start
/// </code></summary>
internal sealed class DataDirectory : IDisposable
{
    public const string LockFileName = "pgb-server.lock";

    private readonly FileStream _lock;
    private volatile bool _closed;

    private DataDirectory(string root, FileStream lockFile)
    {
        Root = root;
        _lock = lockFile;
    }

    public string Root { get; }

    public string StatePath => Path.Combine(Root, "state.json");

    public string AccountsPath => Path.Combine(Root, "accounts.json");

    public string KeysPath => Path.Combine(Root, "keys.json");

    public string AppsPath => Path.Combine(Root, "apps");

    public string BlobsPath => Path.Combine(Root, "blobs");

    public string TempPath => Path.Combine(Root, "tmp");

    /// <summary>Creates the directory if needed and takes its lock. Fails with a <see cref="PgbDataDirectoryException"/>
    /// before anything is read when the directory is unusable or another server holds it.</summary>
    public static DataDirectory Open(string path)
    {
        string root;
        try
        {
            root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new PgbDataDirectoryException(PgbDataDirectoryProblem.Inaccessible, path, $"The data directory '{path}' is not a usable path: {e.Message}", e);
        }

        Guard(root, () => Directory.CreateDirectory(root), "cannot be created");
        var lockPath = Path.Combine(root, LockFileName);
        var lockFile = TakeLock(lockPath);
        var directory = new DataDirectory(root, lockFile);
        try
        {
            Guard(directory.AppsPath, () => Directory.CreateDirectory(directory.AppsPath), "cannot be created");
            Guard(directory.BlobsPath, () => Directory.CreateDirectory(directory.BlobsPath), "cannot be created");
            Guard(directory.TempPath, () =>
            {
                // Left over by a server that stopped mid-write: never renamed into place, so never part of the state.
                Directory.CreateDirectory(directory.TempPath);
                foreach (var file in Directory.EnumerateFiles(directory.TempPath))
                {
                    File.Delete(file);
                }
            }, "cannot be created or cleared");
            return directory;
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Writes are refused once the server has stopped: its lock is released, and a request still running after
    /// the stop timeout must not write into a directory another server may have opened since.</summary>
    public void ThrowIfClosed() => ObjectDisposedException.ThrowIf(_closed, this);

    /// <summary>Writes <paramref name="content"/> to <paramref name="destination"/> so that readers (and a restart after
    /// a crash) see the old file or the new one, never half of one. With <paramref name="overwrite"/> false, returns
    /// false when the destination already exists (and leaves it alone).</summary>
    public bool WriteAtomically(string destination, ReadOnlySpan<byte> content, bool overwrite = true) =>
        Commit(WriteTemporary(content), destination, overwrite);

    /// <summary>First half of an atomic write: the bytes in a temporary file in the same volume, flushed to disk (so the
    /// rename that follows never publishes a file whose content is still in flight).</summary>
    public string WriteTemporary(ReadOnlySpan<byte> content)
    {
        ThrowIfClosed();
        var temp = Path.Combine(TempPath, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp");
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(content);
            stream.Flush(flushToDisk: true);
            return temp;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new StorageException($"cannot write {temp}: {e.Message}", e);
        }
    }

    /// <summary>Second half: renames the temporary file over <paramref name="destination"/> (atomic on one volume).
    /// The temporary file is gone afterwards, whatever happens.</summary>
    public bool Commit(string temp, string destination, bool overwrite)
    {
        try
        {
            ThrowIfClosed();
            if (!overwrite && File.Exists(destination))
            {
                return false;
            }

            File.Move(temp, destination, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(destination))
        {
            // Another writer won the race for the same key (same bytes, by the callers' contract).
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"cannot write {destination}: {e.Message}", e);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Drops a temporary file that will not be committed.</summary>
    public void Discard(string temp) => TryDelete(temp);

    public void Dispose()
    {
        _closed = true;
        _lock.Dispose();
    }

    /// <summary>The lock file is opened without sharing, which is an OS lock (flock on Unix, a share mode on Windows):
    /// it goes away with the process, so a crashed server never leaves the directory locked. The file itself stays
    /// (deleting it on close would let two servers lock two different files of the same name).</summary>
    private static FileStream TakeLock(string lockPath)
    {
        try
        {
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            try
            {
                // For a human wondering who holds it; nothing reads it.
                stream.SetLength(0);
                stream.Write(System.Text.Encoding.UTF8.GetBytes($"{Environment.ProcessId}\n"));
                stream.Flush();
            }
            catch (IOException)
            {
                // The lock is what matters, not its note.
            }

            return stream;
        }
        catch (IOException e) when (IsSharingViolation(e))
        {
            throw new PgbDataDirectoryException(PgbDataDirectoryProblem.Locked, lockPath,
                $"The data directory {Path.GetDirectoryName(lockPath)} is in use by another Pgb.Server (it holds {lockPath}). " +
                "Stop that server, or give this one another data directory.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PgbDataDirectoryException(PgbDataDirectoryProblem.Inaccessible, lockPath,
                $"The lock file {lockPath} of the data directory cannot be opened: {e.Message}", e);
        }
    }

    /// <summary>What .NET reports when the file is locked: ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION on Windows; on
    /// Unix the errno of the failed flock, EWOULDBLOCK (11 on Linux, 35 on macOS and the BSDs).</summary>
    private static bool IsSharingViolation(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33
        : OperatingSystem.IsLinux() || OperatingSystem.IsAndroid() ? e.HResult == 11
        : e.HResult == 35;

    private static void Guard(string path, Action action, string what)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PgbDataDirectoryException(PgbDataDirectoryProblem.Inaccessible, path, $"{path} {what}: {e.Message}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stray temporary file is removed at the next start.
        }
    }
}
