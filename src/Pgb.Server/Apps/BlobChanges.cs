namespace Pgb.Server.Apps;

/// <summary>Keeps the blob store in step with an app's committed versions. A change writes its blobs under fresh keys
/// before committing the version that refers to them, and never overwrites one, so a key names one content for as long
/// as it lives. A change that fails drops what it wrote; a committed change drops what only the version it replaced
/// referred to (a replaced source, icon or build's package, or everything of a deleted app). A package link therefore
/// works exactly as long as its build is current (docs/server.md, "Downloads").</summary>
internal sealed class BlobChanges(IBlobStore blobs)
{
    private readonly List<string> _written = [];

    public void Put(string key, byte[] content)
    {
        _written.Add(key);
        blobs.Put(key, content);
    }

    /// <summary>The change was not committed: its blobs go. Best effort, since the change's own error is the one to
    /// report: a blob left behind is referred to by nothing, so no link to it was handed out, and a data directory drops
    /// it at the next start.</summary>
    public void Abandon()
    {
        foreach (var key in _written)
        {
            try
            {
                blobs.Remove(key);
            }
            catch (StorageException)
            {
                // See above.
            }
        }
    }

    /// <summary>Once <paramref name="after"/> is committed in place of <paramref name="before"/> (null: the app was
    /// deleted), removes the blobs only <paramref name="before"/> referred to.</summary>
    public static void DropReplaced(IBlobStore blobs, AppRecord before, AppRecord? after)
    {
        var kept = after?.BlobKeys().ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var key in before.BlobKeys().Where(k => !kept.Contains(k)))
        {
            blobs.Remove(key);
        }
    }
}
