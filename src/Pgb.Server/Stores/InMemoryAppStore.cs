using System.Collections.Concurrent;

namespace Pgb.Server.Stores;

internal sealed class InMemoryAppStore : IAppStore
{
    private readonly ConcurrentDictionary<int, AppRecord> _apps = new();
    private int _lastId;

    public int NextId() => Interlocked.Increment(ref _lastId);

    public AppRecord? Find(int id) => _apps.TryGetValue(id, out var app) ? app : null;

    public IReadOnlyList<AppRecord> All() => [.. _apps.Values.OrderBy(a => a.Id)];

    public void Add(AppRecord app)
    {
        if (!_apps.TryAdd(app.Id, app))
        {
            throw new InvalidOperationException($"app {app.Id} exists already");
        }
    }

    public void Replace(AppRecord app)
    {
        if (!_apps.TryGetValue(app.Id, out var current) || !_apps.TryUpdate(app.Id, app, current))
        {
            throw new InvalidOperationException($"app {app.Id} is not in the store");
        }
    }

    public bool Remove(int id) => _apps.TryRemove(id, out _);
}
