using Pgb.Server.Model;
using Pgb.Server.Stores;

namespace Pgb.Server.Apps;

/// <summary>Who may do what to which app: the one place that decides it. An app is its owner's alone today: the owner may
/// do everything, and to anyone else it does not exist (the service answers "not available", so an id does not tell
/// whether an app exists). Collaborators' roles (a tester reads and downloads, a developer also updates and builds, an
/// admin does everything) are a change to this class.</summary>
internal static class AppAccess
{
    public static bool Permits(StoredAccount caller, AppRecord app, AppAction action) => action switch
    {
        AppAction.Read or AppAction.Download or AppAction.Update or AppAction.Build or AppAction.Delete => app.OwnerId == caller.Id,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
