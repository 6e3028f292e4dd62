namespace Pgb.Server.Apps;

/// <summary>What a download request found: the package's storage key when the build is complete, else the state of the
/// platform's build (null when it was never queued or the platform is unknown). <see cref="Requested"/> is the platform
/// as the URL spelled it, <see cref="Platform"/> its canonical (lower-cased) form; v1 and v0 word the 404 differently.</summary>
internal sealed record PackageLookup(int AppId, string Requested, string Platform, string? State, string? StorageKey);
