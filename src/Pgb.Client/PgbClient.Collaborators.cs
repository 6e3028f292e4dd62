namespace Pgb.Client;

/// <summary>The people who share an app (Write API: collaborators). Only the app's owner or an admin may change them.</summary>
public sealed partial class PgbClient
{
    /// <summary>
    /// The collaborators of an app, as <c>GET /api/v1/apps/:id</c> lists them for its owner (and, on Pgb.Server, its
    /// admins): <c>active</c> ones have an account, <c>pending</c> ones were invited. Null when the answer lists none:
    /// the Read API shows them only to the owner, so a tester or developer gets no list rather than an empty one that
    /// would read as "shared with nobody" (<see cref="PgbApp.Role"/> of <see cref="GetAppAsync"/> says which it is).
    /// </summary>
    public async Task<PgbCollaborators?> GetCollaboratorsAsync(int appId, CancellationToken cancellationToken = default)
    {
        var app = await GetAppAsync(appId, cancellationToken).ConfigureAwait(false);
        return app.Collaborators;
    }

    /// <summary>
    /// <c>POST /api/v1/apps/:id/collaborators</c> with <c>data={"email":...,"role":...}</c>: 201 when the person has an
    /// account, 202 when the invitation is pending. <paramref name="role"/> is tester, developer (sent as <c>dev</c>) or admin.
    /// </summary>
    public async Task<PgbCollaboratorResult> AddCollaboratorAsync(int appId, string email, string role, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            throw new ArgumentException("No e-mail address given.", nameof(email));
        }

        var data = new JObject { ["email"] = email.Trim(), ["role"] = WireRole(role) }.ToString(Formatting.None);
        var (status, app) = await SendDataWithStatusAsync<PgbApp>(HttpMethod.Post, Api($"apps/{appId}/collaborators"), data, cancellationToken).ConfigureAwait(false);
        return new PgbCollaboratorResult(app, pending: status == 202);
    }

    /// <summary>
    /// <c>PUT /api/v1/apps/:id/collaborators/:collaboratorId</c> with <c>data={"role":...}</c>: the collaborator with the
    /// new role and the app. The e-mail of a collaborator cannot change (the service answers 400).
    /// </summary>
    public Task<PgbCollaborator> ChangeCollaboratorRoleAsync(int appId, int collaboratorId, string role, CancellationToken cancellationToken = default)
    {
        var data = new JObject { ["role"] = WireRole(role) }.ToString(Formatting.None);
        return SendDataAsync<PgbCollaborator>(HttpMethod.Put, Api($"apps/{appId}/collaborators/{collaboratorId}"), data, cancellationToken);
    }

    /// <summary><c>DELETE /api/v1/apps/:id/collaborators/:collaboratorId</c>; returns the service's text (<c>"foo@bar.com removed from app 9"</c>).</summary>
    public Task<string?> RemoveCollaboratorAsync(int appId, int collaboratorId, CancellationToken cancellationToken = default) =>
        DeleteAsync(Api($"apps/{appId}/collaborators/{collaboratorId}"), cancellationToken);

    private static string WireRole(string role) =>
        PgbCollaboratorRoles.ToWire(role)
        ?? throw new ArgumentException($"Unknown collaborator role '{role}': use {string.Join(", ", PgbCollaboratorRoles.All)}.", nameof(role));
}
