using System.Collections.Concurrent;
using System.Text.Json;

namespace Pgb.Server.Stores;

/// <summary>Apps in memory, as <see cref="InMemoryAppStore"/> keeps them, and each one also in <c>DIR/apps/N.json</c>,
/// rewritten whole and atomically by every <see cref="Add"/> and <see cref="Replace"/>. Reads never touch the disk: the
/// files are read once, by <see cref="FileAppStoreLoader"/>, when the server starts.</summary>
internal sealed class FileAppStore : IAppStore
{
    private readonly DataDirectory _directory;
    private readonly Func<DateTimeOffset> _now;
    private readonly ConcurrentDictionary<int, AppRecord> _apps;

    /// <summary>Apps whose file was last written with a build still pending: <see cref="Checkpoint"/> rewrites them
    /// once those builds have finished, so they are read back as finished.</summary>
    private readonly ConcurrentDictionary<int, bool> _pendingOnDisk = new();

    /// <summary>Serializes id assignment with the write of state.json, so the file never goes backwards.</summary>
    private readonly object _idGate = new();
    private int _lastId;

    /// <param name="pendingOnDisk">ids of the apps whose file shows a build as pending.</param>
    public FileAppStore(DataDirectory directory, Func<DateTimeOffset> now, IEnumerable<AppRecord> apps, int lastId, IEnumerable<int> pendingOnDisk)
    {
        _directory = directory;
        _now = now;
        _apps = new ConcurrentDictionary<int, AppRecord>(apps.Select(a => KeyValuePair.Create(a.Id, a)));
        _lastId = lastId;
        foreach (var id in pendingOnDisk)
        {
            _pendingOnDisk[id] = true;
        }
    }

    public int NextId()
    {
        // The id is taken (and state.json written) before the app exists, so a crash right after cannot hand it out again.
        lock (_idGate)
        {
            var id = _lastId + 1;
            WriteState(_directory, id);
            _lastId = id;
            return id;
        }
    }

    public AppRecord? Find(int id) => _apps.TryGetValue(id, out var app) ? app : null;

    /// <summary>Every app, reachable or not: apps whose owner id no configured account has are kept, not dropped.</summary>
    public IReadOnlyList<AppRecord> All() => [.. _apps.Values.OrderBy(a => a.Id)];

    public void Add(AppRecord app)
    {
        lock (app.Gate)
        {
            if (_apps.ContainsKey(app.Id))
            {
                throw new InvalidOperationException($"app {app.Id} exists already");
            }

            Write(app);
            _apps[app.Id] = app;
        }
    }

    /// <summary>Rewrites the app's file, then makes the version current. Under the app's gate (callers hold it already;
    /// it is reentrant), so the checkpoint never writes an older version over a newer one.</summary>
    public void Replace(AppRecord app)
    {
        lock (app.Gate)
        {
            if (!_apps.ContainsKey(app.Id))
            {
                throw new InvalidOperationException($"app {app.Id} is not in the store");
            }

            Write(app);
            _apps[app.Id] = app;
        }
    }

    public bool Remove(int id)
    {
        if (!_apps.TryGetValue(id, out var app))
        {
            return false;
        }

        lock (app.Gate)
        {
            if (!_apps.ContainsKey(id))
            {
                return false;
            }

            _directory.ThrowIfClosed();
            var path = AppPath(_directory, id);
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StorageException($"cannot delete {path}: {e.Message}", e);
            }

            _apps.TryRemove(id, out _);
            _pendingOnDisk.TryRemove(id, out _);
            return true;
        }
    }

    /// <summary>Rewrites the apps whose file still shows a pending build (at start, once loaded, and when the server
    /// stops): builds finished by then are recorded as finished, and stay so whatever the clock says next time.</summary>
    public void Checkpoint()
    {
        foreach (var id in _pendingOnDisk.Keys)
        {
            if (_apps.TryGetValue(id, out var app))
            {
                lock (app.Gate)
                {
                    // The current version: a change may have been committed since the lookup above.
                    if (_apps.TryGetValue(id, out var current))
                    {
                        Write(current);
                    }
                }
            }
        }
    }

    public static string AppPath(DataDirectory directory, int id) =>
        Path.Combine(directory.AppsPath, id.ToString(CultureInfo.InvariantCulture) + ".json");

    public static void WriteState(DataDirectory directory, int lastId) =>
        directory.WriteAtomically(directory.StatePath, JsonSerializer.SerializeToUtf8Bytes(
            new StateDocument { Format = DataFormat.Current, LastAppId = lastId }, DataJsonContext.Default.StateDocument));

    /// <summary>Writes the app's whole file atomically. Call under the app's gate, so two versions are written in order.</summary>
    private void Write(AppRecord app)
    {
        var document = AppDocumentMapper.ToDocument(app, _now());
        _directory.WriteAtomically(AppPath(_directory, app.Id), JsonSerializer.SerializeToUtf8Bytes(document, DataJsonContext.Default.AppDocument));
        if (document.Builds?.Values.Any(b => !b.Finished) == true)
        {
            _pendingOnDisk[app.Id] = true;
        }
        else
        {
            _pendingOnDisk.TryRemove(app.Id, out _);
        }
    }
}
