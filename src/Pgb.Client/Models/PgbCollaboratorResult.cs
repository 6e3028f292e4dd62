namespace Pgb.Client.Models;

/// <summary>
/// The answer of <c>POST /api/v1/apps/:id/collaborators</c>: the app, and whether the person had an account (201:
/// they can use the app now) or was invited (202: the collaboration is pending until they sign up).
/// </summary>
public sealed class PgbCollaboratorResult(PgbApp app, bool pending)
{
    /// <summary>The app as the service answered, its collaborators included.</summary>
    public PgbApp App { get; } = app;

    /// <summary>True for 202: the person has no account yet and is listed under <c>pending</c>.</summary>
    public bool Pending { get; } = pending;
}
