namespace Pgb.Server.Apps;

/// <summary>What a request does to an app; every <see cref="AppService"/> operation names the one it needs, and
/// <see cref="AppAccess"/> decides who may.</summary>
internal enum AppAction
{
    /// <summary>See the app: its answers, status, build logs and icon.</summary>
    Read,

    /// <summary>Download a package.</summary>
    Download,

    /// <summary>Change metadata, source or icon (which queues builds, as the Write API says).</summary>
    Update,

    /// <summary>Queue builds.</summary>
    Build,

    /// <summary>Choose which of the owner's signing keys the app builds with, or unlock one (<c>keys</c> in an update).</summary>
    SelectKeys,

    /// <summary>See, add, change and remove the app's collaborators.</summary>
    ManageCollaborators,

    Delete,
}
