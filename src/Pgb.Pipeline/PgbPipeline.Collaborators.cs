namespace Pgb.Pipeline;

/// <summary>
/// The collaborator calls of <c>pgb collab</c>, with the pipeline's coded errors (a role that is none is PGB1018). Only
/// the owner of an app (and its admins) may see or change its collaborators; the Write API answers 401 to anyone else,
/// the status of a refused token. So a 401 here is looked into: when the token still reads the app, it is the role that
/// is not enough, and that is PGB2403 naming the role, not PGB2401 asking for a new token.
/// </summary>
public sealed partial class PgbPipeline
{
    /// <summary>The collaborators, as the app lists them to its owner and admins. PGB2403 for a tester or developer,
    /// whom the app answers without them (an empty list would read as "shared with nobody").</summary>
    public async Task<PgbCollaborators> ListCollaboratorsAsync(int appId, CancellationToken cancellationToken = default)
    {
        var what = Strings.CallListingCollaborators.F(appId);
        var app = await Call(what, () => _client.GetAppAsync(appId, cancellationToken), appId).ConfigureAwait(false);
        if (app.Collaborators is { } people)
        {
            return people;
        }

        return IsCollaboratorManager(app.Role)
            ? new PgbCollaborators()
            : throw new PgbPipelineException(PgbErrorCodes.Forbidden, Strings.NotCollaboratorManager.F(what, appId, app.Role ?? string.Empty));
    }

    public Task<PgbCollaboratorResult> AddCollaboratorAsync(int appId, string email, string role, CancellationToken cancellationToken = default)
    {
        CheckRole(role);
        return ManageCollaborators(Strings.CallAddingCollaborator.F(email, appId), () => _client.AddCollaboratorAsync(appId, email, role, cancellationToken), appId, cancellationToken);
    }

    public Task<PgbCollaborator> ChangeCollaboratorRoleAsync(int appId, int collaboratorId, string role, CancellationToken cancellationToken = default)
    {
        CheckRole(role);
        return ManageCollaborators(Strings.CallChangingRole.F(collaboratorId, appId), () => _client.ChangeCollaboratorRoleAsync(appId, collaboratorId, role, cancellationToken), appId, cancellationToken);
    }

    /// <summary>Removes a collaborator; returns the service's text.</summary>
    public Task<string?> RemoveCollaboratorAsync(int appId, int collaboratorId, CancellationToken cancellationToken = default) =>
        ManageCollaborators(Strings.CallRemovingCollaborator.F(collaboratorId, appId), () => _client.RemoveCollaboratorAsync(appId, collaboratorId, cancellationToken), appId, cancellationToken);

    /// <summary>
    /// A collaborator write. Its 401 is the Write API's answer to "not the owner" as well as to a refused token: the app is
    /// read once more to tell them apart. Read with the role of a tester or developer, the role is the cause (PGB2403);
    /// otherwise it is the token after all (PGB2401), or whatever the read failed with.
    /// </summary>
    private async Task<T> ManageCollaborators<T>(string what, Func<Task<T>> call, int appId, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (PgbRequestFailedException ex) when (ex.Kind == PgbFailureKind.Status && ex.Status == 401)
        {
            var app = await Call(what, () => _client.GetAppAsync(appId, cancellationToken), appId).ConfigureAwait(false);
            throw IsCollaboratorManager(app.Role)
                ? Translate(what, ex, appId)
                : new PgbPipelineException(PgbErrorCodes.Forbidden, Strings.NotCollaboratorManager.F(what, appId, app.Role ?? string.Empty), ex);
        }
        catch (PgbRequestFailedException ex)
        {
            throw Translate(what, ex, appId);
        }
    }

    /// <summary>Whether a role of an app answer may manage its collaborators: the owner's (<c>admin</c> in app answers,
    /// <c>owner</c> in <c>/me</c>) and an admin's. An answer without a role is given the benefit of the doubt.</summary>
    private static bool IsCollaboratorManager(string? role) =>
        string.IsNullOrEmpty(role)
        || string.Equals(role, PgbCollaboratorRoles.Admin, StringComparison.OrdinalIgnoreCase)
        || string.Equals(role, "owner", StringComparison.OrdinalIgnoreCase);

    private static void CheckRole(string role)
    {
        if (PgbCollaboratorRoles.ToWire(role) is null)
        {
            throw new PgbPipelineException(PgbErrorCodes.RoleInvalid, Strings.RoleInvalid.F(role ?? string.Empty, string.Join(", ", PgbCollaboratorRoles.All)));
        }
    }
}
