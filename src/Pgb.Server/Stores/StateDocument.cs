namespace Pgb.Server.Stores;

/// <summary><c>DIR/state.json</c>: what is not any one app's. The last id is kept here because deleting the newest app
/// removes its file, and ids are never handed out twice.</summary>
internal sealed class StateDocument
{
    public required int Format { get; init; }

    public required int LastAppId { get; init; }
}

/// <summary>Read first from every file, before the rest: a newer server may have changed everything but this field,
/// and its files must be refused as "newer", not as "corrupt".</summary>
internal sealed class FormatProbe
{
    public int? Format { get; init; }
}

internal static class DataFormat
{
    /// <summary>The format this server writes and the newest it reads. Raise it when a change would mislead an older
    /// server (it then refuses the directory instead of misreading it); read older numbers by migrating them.
    /// 1: apps name their owner by position in the configured accounts (<c>ownerId</c>).
    /// 2: apps name their owner by e-mail (<c>ownerEmail</c>), and accounts.json gives each e-mail its id. A format 1 app
    /// is read as owned by its <c>ownerEmail</c>, the owner it was last written for (tests/Pgb.Server.Tests/TestData/format1).
    /// 3: apps may list <c>collaborators</c> (by e-mail, with their roles) and <c>lastCollaboratorId</c>, both optional: a
    /// format 2 app is read as it is, shared with nobody. A format 2 server must not rewrite such a file, dropping them.
    /// Signing keys are kept (keys.json: passwords as PBKDF2 hashes, files as blobs, defaults); apps may hold a <c>tag</c>,
    /// <c>share</c>, per-platform PhonegapVersions, a repository checkout under way and the commit fetched; builds name the
    /// source blob they package and whether they wait for a checkout. Every addition is optional, so a directory of format 1
    /// or 2 reads as it is, without keys (tests/Pgb.Server.Tests/TestData/format2).</summary>
    public const int Current = 3;
}
