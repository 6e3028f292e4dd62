namespace Pgb.Server.Stores;

/// <summary>Opaque bytes by key: uploaded sources (<c>source/...</c>) and what <c>/storage/...</c> serves
/// (<c>public/guid/file</c>). Like Azurite, metadata (apps) and blobs live in separate stores.</summary>
internal interface IBlobStore
{
    void Put(string key, byte[] content);

    byte[]? Get(string key);

    /// <summary>Stores <paramref name="factory"/>'s bytes unless the key is already present; returns what is stored.</summary>
    byte[] GetOrAdd(string key, Func<byte[]> factory);

    void Remove(string key);
}
