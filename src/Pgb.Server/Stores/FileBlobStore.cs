namespace Pgb.Server.Stores;

/// <summary>Blobs as files under <c>DIR/blobs</c>, one file per key (see <see cref="BlobPaths"/> for the mapping and
/// why no key can leave the folder). Each write lands whole or not at all (<see cref="DataDirectory.WriteAtomically"/>).</summary>
internal sealed class FileBlobStore(DataDirectory directory) : IBlobStore
{
    /// <summary>Serializes creating a key's folders + renaming into them with removing a file + pruning its emptied
    /// folders, so a prune never deletes a folder a concurrent write is about to use. File contents are written
    /// outside it.</summary>
    private readonly object _layoutGate = new();

    public void Put(string key, byte[] content) => Write(key, content, overwrite: true);

    public byte[]? Get(string key) => Read(key)?.Content;

    public bool Contains(string key) => BlobPaths.FullPath(directory.BlobsPath, key) is { } path && File.Exists(path);

    public StoredBlob? Read(string key)
    {
        if (BlobPaths.FullPath(directory.BlobsPath, key) is not { } path)
        {
            return null;
        }

        try
        {
            // Sharing delete and write: on Windows a download being read must not make a concurrent re-queue (which
            // deletes the old package) fail.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var content = new byte[stream.Length];
            stream.ReadExactly(content);
            return new StoredBlob(content, File.GetLastWriteTimeUtc(stream.SafeFileHandle));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"cannot read {path}: {e.Message}", e);
        }
    }

    /// <summary>Concurrent callers for one key store the same bytes (artifacts are deterministic), so whichever rename
    /// wins, every caller answers identical content.</summary>
    public byte[] GetOrAdd(string key, Func<byte[]> factory)
    {
        if (Get(key) is { } existing)
        {
            return existing;
        }

        var content = factory();
        return Write(key, content, overwrite: false) ? content : Get(key) ?? content;
    }

    public void Remove(string key)
    {
        if (BlobPaths.FullPath(directory.BlobsPath, key) is not { } path)
        {
            return;
        }

        directory.ThrowIfClosed();
        lock (_layoutGate)
        {
            try
            {
                File.Delete(path);
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StorageException($"cannot delete {path}: {e.Message}", e);
            }

            PruneEmptyFolders(Path.GetDirectoryName(path)!);
        }
    }

    /// <summary>At start: deletes blob files no app refers to (written just before a crash, or by a request that lost a
    /// race with a delete) and the folders they leave empty. Best effort: a file that cannot be deleted stays.</summary>
    public void DeleteAllExcept(IEnumerable<string> keys)
    {
        var keep = new HashSet<string>(keys.Select(k => BlobPaths.FullPath(directory.BlobsPath, k)).OfType<string>(), StringComparer.Ordinal);
        TryDelete(() =>
        {
            foreach (var file in Directory.EnumerateFiles(directory.BlobsPath, "*", SearchOption.AllDirectories).ToList())
            {
                if (!keep.Contains(file))
                {
                    TryDelete(() => File.Delete(file));
                }
            }

            // Deepest first, so a folder emptied by deleting its subfolders goes too.
            foreach (var folder in Directory.EnumerateDirectories(directory.BlobsPath, "*", SearchOption.AllDirectories).OrderByDescending(f => f.Length).ToList())
            {
                TryDelete(() =>
                {
                    if (!Directory.EnumerateFileSystemEntries(folder).Any())
                    {
                        Directory.Delete(folder);
                    }
                });
            }
        });
    }

    private bool Write(string key, byte[] content, bool overwrite)
    {
        var path = BlobPaths.FullPath(directory.BlobsPath, key)
            ?? throw new ArgumentException($"'{key}' is not a blob key this server makes", nameof(key));
        var temp = directory.WriteTemporary(content);
        lock (_layoutGate)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                directory.Discard(temp);
                throw new StorageException($"cannot create the folder of {path}: {e.Message}", e);
            }

            return directory.Commit(temp, path, overwrite);
        }
    }

    /// <summary>A build's folder (<c>public/GUID</c>) holds one file; once it is gone the folder goes too, up to but
    /// not including the blobs folder.</summary>
    private void PruneEmptyFolders(string folder)
    {
        var root = Path.TrimEndingDirectorySeparator(directory.BlobsPath);
        while (folder.Length > root.Length && folder.StartsWith(root, StringComparison.Ordinal))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    return;
                }

                Directory.Delete(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return;
            }

            folder = Path.GetDirectoryName(folder)!;
        }
    }

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next start.
        }
    }
}
