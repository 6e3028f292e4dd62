namespace Pgb.Server.Apps;

/// <summary>What a request does to an app; every <see cref="AppService"/> operation names the one it needs, and
/// <see cref="AppAccess"/> decides who may.</summary>
internal enum AppAction
{
    /// <summary>See the app: its answers, status, build logs, icon and collaborators.</summary>
    Read,

    /// <summary>Download a package.</summary>
    Download,

    /// <summary>Change metadata, source or icon (which queues builds, as the Write API says).</summary>
    Update,

    /// <summary>Queue builds.</summary>
    Build,

    Delete,
}
