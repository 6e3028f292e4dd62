using Pgb.Client.Models;

namespace Pgb.Pipeline;

/// <summary>The collaborator calls of <c>pgb collab</c>, with the pipeline's coded errors (a role that is none is PGB1018).</summary>
public sealed partial class PgbPipeline
{
    public Task<PgbCollaborators> ListCollaboratorsAsync(int appId, CancellationToken cancellationToken = default) =>
        Call(Strings.CallListingCollaborators.F(appId), () => _client.GetCollaboratorsAsync(appId, cancellationToken), appId);

    public Task<PgbCollaboratorResult> AddCollaboratorAsync(int appId, string email, string role, CancellationToken cancellationToken = default)
    {
        CheckRole(role);
        return Call(Strings.CallAddingCollaborator.F(email, appId), () => _client.AddCollaboratorAsync(appId, email, role, cancellationToken), appId);
    }

    public Task<PgbCollaborator> ChangeCollaboratorRoleAsync(int appId, int collaboratorId, string role, CancellationToken cancellationToken = default)
    {
        CheckRole(role);
        return Call(Strings.CallChangingRole.F(collaboratorId, appId), () => _client.ChangeCollaboratorRoleAsync(appId, collaboratorId, role, cancellationToken), appId);
    }

    /// <summary>Removes a collaborator; returns the service's text.</summary>
    public Task<string?> RemoveCollaboratorAsync(int appId, int collaboratorId, CancellationToken cancellationToken = default) =>
        Call(Strings.CallRemovingCollaborator.F(collaboratorId, appId), () => _client.RemoveCollaboratorAsync(appId, collaboratorId, cancellationToken), appId);

    private static void CheckRole(string role)
    {
        if (PgbCollaboratorRoles.ToWire(role) is null)
        {
            throw new PgbPipelineException(PgbErrorCodes.RoleInvalid, Strings.RoleInvalid.F(role ?? string.Empty, string.Join(", ", PgbCollaboratorRoles.All)));
        }
    }
}
