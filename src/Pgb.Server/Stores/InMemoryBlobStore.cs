using System.Collections.Concurrent;

namespace Pgb.Server.Stores;

internal sealed class InMemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, StoredBlob> _blobs = new(StringComparer.Ordinal);

    public void Put(string key, byte[] content) => _blobs[key] = new StoredBlob(content, DateTimeOffset.UtcNow);

    public byte[]? Get(string key) => Read(key)?.Content;

    public StoredBlob? Read(string key) => _blobs.TryGetValue(key, out var blob) ? blob : null;

    public bool Contains(string key) => _blobs.ContainsKey(key);

    public byte[] GetOrAdd(string key, Func<byte[]> factory) => _blobs.GetOrAdd(key, _ => new StoredBlob(factory(), DateTimeOffset.UtcNow)).Content;

    public void Remove(string key) => _blobs.TryRemove(key, out _);
}
