using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Pgb.Server.Model;

namespace Pgb.Server.Stores;

/// <summary>Apps in memory, as <see cref="InMemoryAppStore"/> keeps them, and each one also in <c>DIR/apps/N.json</c>,
/// rewritten whole and atomically on every <see cref="Save"/>. Reads never touch the disk: the files are read once, by
/// <see cref="FileAppStoreLoader"/>, when the server starts.</summary>
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

    /// <summary>Every app, reachable or not: apps whose owner id no configured account has are kept, not dropped.</summary>
    public IReadOnlyCollection<AppRecord> All => _apps.Values.ToList();

    /// <summary>The id is taken (and state.json written) before the record exists, so a crash right after cannot hand
    /// the id out again. The app's own file is written by the <see cref="Save"/> that follows, once it is filled in.</summary>
    public AppRecord Add(Func<int, AppRecord> create)
    {
        int id;
        lock (_idGate)
        {
            id = _lastId + 1;
            WriteState(_directory, id);
            _lastId = id;
        }

        var app = create(id);
        _apps[app.Id] = app;
        return app;
    }

    public AppRecord? Find(int id) => _apps.TryGetValue(id, out var app) ? app : null;

    public IReadOnlyList<AppRecord> ListOwnedBy(int accountId) =>
        _apps.Values.Where(a => a.OwnerId == accountId).OrderBy(a => a.Id).ToList();

    public bool Remove(int id)
    {
        if (!_apps.TryGetValue(id, out var app))
        {
            return false;
        }

        // Under the gate Save takes too: a save racing a delete either lands before it (and its file is deleted) or
        // finds the app gone (and writes nothing), so a deleted app never comes back at the next start.
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

    /// <summary>Writes the app's file. Takes the app's gate (callers already hold it; it is reentrant), so two requests
    /// saving one app write one after the other, each a complete file, the later state last.</summary>
    public void Save(AppRecord app)
    {
        lock (app.Gate)
        {
            if (!_apps.TryGetValue(app.Id, out var stored) || !ReferenceEquals(stored, app))
            {
                return; // deleted meanwhile
            }

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

    /// <summary>Rewrites the apps whose file still shows a pending build (at start, once loaded, and when the server
    /// stops): builds finished by then are recorded as finished, and stay so whatever the clock says next time.</summary>
    public void Checkpoint()
    {
        foreach (var id in _pendingOnDisk.Keys)
        {
            if (_apps.TryGetValue(id, out var app))
            {
                Save(app);
            }
        }
    }

    public static string AppPath(DataDirectory directory, int id) =>
        Path.Combine(directory.AppsPath, id.ToString(CultureInfo.InvariantCulture) + ".json");

    public static void WriteState(DataDirectory directory, int lastId) =>
        directory.WriteAtomically(directory.StatePath, JsonSerializer.SerializeToUtf8Bytes(
            new StateDocument { Format = DataFormat.Current, LastAppId = lastId }, DataJsonContext.Default.StateDocument));
}
