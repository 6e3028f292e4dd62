namespace Pgb.Server.Keys;

/// <summary>Every account's signing keys, in memory (they are not written to a data directory: see docs/server.md).
/// Ids are global, like the service's, so a key id never names two keys; lookups are per owner, so another account's
/// key is "not found" too.</summary>
internal sealed class KeyStore
{
    private readonly object _gate = new();
    private readonly Dictionary<int, SigningKey> _keys = [];
    private int _lastId;

    /// <summary>The store's lock: key objects are read and changed under it.</summary>
    public object Gate => _gate;

    public SigningKey Add(int ownerId, string platform, DateTimeOffset now, Action<SigningKey> fill)
    {
        lock (_gate)
        {
            var key = new SigningKey(++_lastId, ownerId, platform, now);
            fill(key);
            _keys[key.Id] = key;
            return key;
        }
    }

    public SigningKey? Find(int ownerId, string platform, int id)
    {
        lock (_gate)
        {
            return _keys.TryGetValue(id, out var key) && key.OwnerId == ownerId && key.Platform == KeyPlatforms.Group(platform) ? key : null;
        }
    }

    /// <summary>The owner's keys, oldest first, of one platform or of all.</summary>
    public IReadOnlyList<SigningKey> List(int ownerId, string? platform = null)
    {
        lock (_gate)
        {
            return _keys.Values.Where(k => k.OwnerId == ownerId && (platform is null || k.Platform == KeyPlatforms.Group(platform)))
                .OrderBy(k => k.Id).ToList();
        }
    }

    public bool Remove(int ownerId, string platform, int id)
    {
        lock (_gate)
        {
            return Find(ownerId, platform, id) is not null && _keys.Remove(id);
        }
    }
}
