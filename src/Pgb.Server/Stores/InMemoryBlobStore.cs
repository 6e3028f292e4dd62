using System.Collections.Concurrent;

namespace Pgb.Server.Stores;

internal sealed class InMemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public void Put(string key, byte[] content) => _blobs[key] = content;

    public byte[]? Get(string key) => _blobs.TryGetValue(key, out var content) ? content : null;

    public byte[] GetOrAdd(string key, Func<byte[]> factory) => _blobs.GetOrAdd(key, _ => factory());

    public void Remove(string key) => _blobs.TryRemove(key, out _);
}
