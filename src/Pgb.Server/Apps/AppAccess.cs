namespace Pgb.Server.Apps;

/// <summary>Who may do what to which app: the one place that decides it (docs/server.md, "Collaborators"). The owner and
/// the collaborators it added have a role on the app; to anyone else the app does not exist (the service answers "not
/// available", so an id does not tell whether an app exists). A tester reads and downloads; a developer also updates and
/// builds; an admin does everything the owner does: selects and unlocks the owner's signing keys, manages collaborators,
/// deletes the app. A collaborator is known by the e-mail of the account (the identity of accounts in a data directory
/// too, so roles survive a restart with the accounts in another order). An app whose owner is not configured now is
/// nobody's to reach, collaborators included, until the owner is configured again: it builds with the owner's keys and
/// answers to the owner.</summary>
internal sealed class AppAccess(IAccountStore accounts)
{
    /// <summary>The caller's role on the app, or null when the app is not the caller's to see.</summary>
    public AppRole? RoleOf(StoredAccount caller, AppRecord app)
    {
        if (app.OwnerId == caller.Id)
        {
            return AppRole.Owner;
        }

        var collaborator = app.Collaborators.Find(c => string.Equals(c.Email, caller.Account.Email, StringComparison.OrdinalIgnoreCase));
        return collaborator is not null && accounts.FindById(app.OwnerId) is not null ? collaborator.Role : null;
    }

    /// <summary>The weakest role that may do <paramref name="action"/>.</summary>
    public static AppRole Needs(AppAction action) => action switch
    {
        AppAction.Read or AppAction.Download => AppRole.Tester,
        AppAction.Update or AppAction.Build => AppRole.Developer,
        AppAction.SelectKeys or AppAction.ManageCollaborators or AppAction.Delete => AppRole.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static bool Allows(AppRole role, AppAction action) => role >= Needs(action);

    /// <summary>Passes when the caller's role on <paramref name="app"/> (null: no such app) allows <paramref name="action"/>.
    /// Otherwise someone without a role gets 404 "not available", as for a missing app; a collaborator whose role does
    /// not allow it gets 401 for collaborator management (the Write API's answer to anyone but the owner there), 403 for
    /// anything else.</summary>
    public void Check(StoredAccount caller, AppRecord? app, int id, AppAction action)
    {
        var role = app is null ? null : RoleOf(caller, app);
        if (role is not { } granted)
        {
            throw ServerErrors.AppNotAvailable(id);
        }

        if (!Allows(granted, action))
        {
            throw action == AppAction.ManageCollaborators
                ? ServerErrors.NotCollaboratorManager(id, granted)
                : ServerErrors.RoleTooWeak(id, granted, Needs(action), action);
        }
    }

    /// <summary>Whether an account with this e-mail is configured: a collaborator with it is active, else pending.</summary>
    public bool IsAccount(string email) => accounts.FindByEmail(email) is not null;
}
