using System.Net.Mail;

namespace Pgb.Server.Apps;

/// <summary>Collaborators: the people an app is shared with, by e-mail, and their roles (what each role may do:
/// <see cref="AppAccess"/>). Changes to them are changes to the app, committed under its gate like any other, and persisted
/// with it. The owner is listed among them as an admin (collaborator id <see cref="AppRecord.OwnerCollaboratorId"/>) but
/// is not one: it cannot be added, removed or given another role.</summary>
internal sealed partial class AppService
{
    /// <summary>The most collaborators one app keeps: every change rewrites the whole app, so its size is bounded.</summary>
    public const int MaxCollaborators = 100;

    /// <summary>GET .../collaborators: the app with its collaborators, for whoever may manage them.</summary>
    public AppView Collaborators(StoredAccount caller, int id) => View(caller, Find(caller, id, AppAction.ManageCollaborators), clock());

    /// <summary>GET .../collaborators/:id: one of them (the owner too, pending ones too), with the app.</summary>
    public (CollaboratorView Collaborator, AppView App) Collaborator(StoredAccount caller, int id, string collaboratorId)
    {
        var app = Find(caller, id, AppAction.ManageCollaborators);
        var collaboratorNumber = Named(app, collaboratorId)?.Id ?? AppRecord.OwnerCollaboratorId;
        return (CollaboratorsOf(app).First(c => c.Id == collaboratorNumber), View(caller, app, clock()));
    }

    /// <summary>POST .../collaborators: shares the app with an e-mail address in a role. <c>Active</c> when an account
    /// with that e-mail is configured (the Write API's 201), else the invitation is pending (its 202) until a start
    /// configures one.</summary>
    public async Task<(AppView App, bool Active)> AddCollaboratorAsync(StoredAccount caller, int id, Func<Task<CollaboratorRequest>> readRequest)
    {
        _ = Find(caller, id, AppAction.ManageCollaborators);
        var request = await readRequest();
        var email = CheckEmail(request.Email);
        var role = CheckRole(request.Role);
        var view = Change(caller, id, AppAction.ManageCollaborators, (current, _, _) =>
        {
            if (string.Equals(current.OwnerEmail, email, StringComparison.OrdinalIgnoreCase))
            {
                throw ServerErrors.OwnerIsNoCollaborator(email, current.Id);
            }

            if (current.Collaborators.Find(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase)) is { } existing)
            {
                throw ServerErrors.AlreadyCollaborator(existing.Email, existing.Id, current.Id);
            }

            if (current.Collaborators.Count >= MaxCollaborators)
            {
                throw ServerErrors.TooManyCollaborators(current.Id, MaxCollaborators);
            }

            var added = new Collaborator(current.LastCollaboratorId + 1, email, role);
            return current with { Collaborators = current.Collaborators.Add(added), LastCollaboratorId = added.Id };
        });
        return (view, access.IsAccount(email));
    }

    /// <summary>PUT .../collaborators/:id: a new role. The e-mail cannot change (400, as the Write API says); sending the
    /// same one is fine.</summary>
    public async Task<(CollaboratorView Collaborator, AppView App)> ChangeCollaboratorAsync(
        StoredAccount caller, int id, string collaboratorId, Func<Task<CollaboratorRequest>> readRequest)
    {
        // Checked before the body is read, and again on the version the change starts from.
        _ = Changeable(Find(caller, id, AppAction.ManageCollaborators), collaboratorId);
        var request = await readRequest();
        var role = CheckRole(request.Role);
        var collaboratorNumber = 0;
        var view = Change(caller, id, AppAction.ManageCollaborators, (current, _, _) =>
        {
            var target = Changeable(current, collaboratorId);
            if (request.Email is { } email && !string.Equals(email.Trim(), target.Email, StringComparison.OrdinalIgnoreCase))
            {
                throw ServerErrors.CollaboratorEmailFixed(target.Id, current.Id);
            }

            collaboratorNumber = target.Id;
            return target.Role == role ? current : current with { Collaborators = current.Collaborators.Replace(target, target with { Role = role }) };
        });
        return (CollaboratorsOf(view.App).First(c => c.Id == collaboratorNumber), view);
    }

    /// <summary>DELETE .../collaborators/:id: the e-mail removed. Its account loses the app at once (an admin may remove
    /// itself).</summary>
    public string RemoveCollaborator(StoredAccount caller, int id, string collaboratorId)
    {
        _ = Changeable(Find(caller, id, AppAction.ManageCollaborators), collaboratorId);
        var removed = string.Empty;
        Apply(caller, id, AppAction.ManageCollaborators, (current, _, _) =>
        {
            var target = Changeable(current, collaboratorId);
            removed = target.Email;
            return current with { Collaborators = current.Collaborators.Remove(target) };
        });
        return removed;
    }

    /// <summary>The owner, then the collaborators by id, each active when an account has its e-mail now.</summary>
    private IReadOnlyList<CollaboratorView> CollaboratorsOf(AppRecord app) =>
    [
        new CollaboratorView(AppRecord.OwnerCollaboratorId, app.OwnerEmail, AppRole.Owner, Active: true),
        .. app.Collaborators.OrderBy(c => c.Id).Select(c => new CollaboratorView(c.Id, c.Email, c.Role, access.IsAccount(c.Email))),
    ];

    /// <summary>The collaborator a URL names on this version of the app, or null for the owner; 404 for an id naming
    /// nobody (a removed collaborator's too: ids are never handed out again).</summary>
    private static Collaborator? Named(AppRecord app, string collaboratorId)
    {
        if (int.TryParse(collaboratorId, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (number == AppRecord.OwnerCollaboratorId)
            {
                return null;
            }

            if (app.Collaborators.Find(c => c.Id == number) is { } found)
            {
                return found;
            }
        }

        throw ServerErrors.CollaboratorNotAvailable(collaboratorId, app.Id);
    }

    /// <summary>A collaborator that can be changed or removed: anyone named but the owner.</summary>
    private static Collaborator Changeable(AppRecord app, string collaboratorId) =>
        Named(app, collaboratorId) ?? throw ServerErrors.OwnerStays(app.Id);

    /// <summary>An address of at most <see cref="Model.Collaborator.MaxEmailLength"/> characters, without a display name
    /// (<c>Ann &lt;ann@example.com&gt;</c> is not one); a configured account's e-mail is taken as it is.</summary>
    private string CheckEmail(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw ServerErrors.CollaboratorEmailRequired();
        }

        var isAddress = trimmed.Length <= Model.Collaborator.MaxEmailLength
            && (access.IsAccount(trimmed) || (MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed));
        return isAddress ? trimmed : throw ServerErrors.NotAnEmail(trimmed);
    }

    private static AppRole CheckRole(string? role)
    {
        if (string.IsNullOrWhiteSpace(role))
        {
            throw ServerErrors.CollaboratorRoleRequired();
        }

        return AppRoles.TryParse(role, out var parsed) ? parsed : throw ServerErrors.UnknownCollaboratorRole(role);
    }
}
