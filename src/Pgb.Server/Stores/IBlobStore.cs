namespace Pgb.Server.Stores;

/// <summary>Opaque bytes by key: uploaded sources (<c>source/...</c>) and what <c>/storage/...</c> serves
/// (<c>public/guid/file</c>). Like Azurite, metadata (apps) and blobs live in separate stores.</summary>
internal interface IBlobStore
{
    void Put(string key, byte[] content);

    byte[]? Get(string key);

    /// <summary>The bytes and when they were stored (what <c>/storage</c> answers as <c>Last-Modified</c>), or null.</summary>
    StoredBlob? Read(string key);

    bool Contains(string key);

    /// <summary>Stores <paramref name="factory"/>'s bytes unless the key is already present; returns what is stored.</summary>
    byte[] GetOrAdd(string key, Func<byte[]> factory);

    void Remove(string key);
}

/// <summary>A blob's bytes and when they were stored (blobs are never overwritten, so this is when they were made).</summary>
internal sealed record StoredBlob(byte[] Content, DateTimeOffset LastModified);
