using System.Collections.Immutable;

namespace Pgb.Server.Keys;

/// <summary>Writes the whole set of signing keys somewhere durable (a data directory's keys.json), or fails with a
/// <see cref="Stores.StorageException"/> leaving the previous set in place.</summary>
internal interface IKeyFile
{
    void Write(IReadOnlyCollection<SigningKey> keys, int lastId);
}

/// <summary>Every account's signing keys: in memory, and with a data directory also in its keys.json, which every change
/// rewrites whole before the change is made current (so what answers show is what a restart finds). Ids are global, like
/// the service's, and never handed out twice; lookups are per owner, so another account's key is "not found". Read and
/// changed only under <see cref="Gate"/>, which <see cref="KeyService"/> takes.</summary>
internal sealed class KeyStore
{
    private readonly IKeyFile? _file;
    private ImmutableSortedDictionary<int, SigningKey> _keys;
    private int _lastId;

    public KeyStore()
        : this(null, [], 0)
    {
    }

    /// <param name="file">where changes are written; null keeps keys in memory only.</param>
    /// <param name="keys">the keys read back from <paramref name="file"/>.</param>
    /// <param name="lastId">the highest id ever handed out (ids of deleted keys are not reused).</param>
    public KeyStore(IKeyFile? file, IEnumerable<SigningKey> keys, int lastId)
    {
        _file = file;
        _keys = keys.ToImmutableSortedDictionary(k => k.Id, k => k);
        _lastId = Math.Max(lastId, _keys.IsEmpty ? 0 : _keys.Keys.Max());
    }

    /// <summary>The store's lock: every method below is called under it.</summary>
    public object Gate { get; } = new();

    public int NextId() => ++_lastId;

    public SigningKey? Find(int ownerId, string platform, int id) =>
        _keys.TryGetValue(id, out var key) && key.OwnerId == ownerId && key.Platform == KeyPlatforms.Group(platform) ? key : null;

    /// <summary>The owner's keys, oldest first, of one platform or of all.</summary>
    public IReadOnlyList<SigningKey> List(int ownerId, string? platform = null) =>
        [.. _keys.Values.Where(k => k.OwnerId == ownerId && (platform is null || k.Platform == KeyPlatforms.Group(platform)))];

    /// <summary>Makes <paramref name="changed"/> current (new keys and new versions alike) and drops
    /// <paramref name="removed"/>, all at once: written first, so a failed write changes nothing.</summary>
    public void Commit(IEnumerable<SigningKey> changed, IEnumerable<int>? removed = null)
    {
        var next = _keys.SetItems(changed.Select(k => KeyValuePair.Create(k.Id, k))).RemoveRange(removed ?? []);
        _file?.Write([.. next.Values], _lastId);
        _keys = next;
    }

    /// <summary>The blobs (key files) the current keys refer to.</summary>
    public IEnumerable<string> BlobKeys() => _keys.Values.SelectMany(k => k.BlobKeys());
}
