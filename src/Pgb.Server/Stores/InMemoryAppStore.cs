using System.Collections.Concurrent;
using Pgb.Server.Model;

namespace Pgb.Server.Stores;

internal sealed class InMemoryAppStore : IAppStore
{
    private readonly ConcurrentDictionary<int, AppRecord> _apps = new();
    private int _lastId;

    public AppRecord Add(Func<int, AppRecord> create)
    {
        var app = create(Interlocked.Increment(ref _lastId));
        _apps[app.Id] = app;
        return app;
    }

    public AppRecord? Find(int id) => _apps.TryGetValue(id, out var app) ? app : null;

    public IReadOnlyList<AppRecord> ListOwnedBy(int accountId) =>
        _apps.Values.Where(a => a.OwnerId == accountId).OrderBy(a => a.Id).ToList();

    public bool Remove(int id) => _apps.TryRemove(id, out _);

    public void Save(AppRecord app)
    {
        // In memory the record is the stored state already.
    }
}
