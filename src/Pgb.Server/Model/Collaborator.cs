namespace Pgb.Server.Model;

/// <summary>Someone an app is shared with, by e-mail address, the identity of accounts: whoever signs in with an account
/// of that e-mail has <see cref="Role"/> on the app. Until such an account is configured the invitation is pending; it
/// becomes active, with the same id, on the first start that configures one. <see cref="Id"/> is unique within the app
/// and never handed out twice in it (<see cref="AppRecord.LastCollaboratorId"/>).</summary>
internal sealed record Collaborator(int Id, string Email, AppRole Role)
{
    /// <summary>The longest e-mail address taken (RFC 5321's limit on a path).</summary>
    public const int MaxEmailLength = 254;
}

/// <summary>One person with access to an app as an answer shows them: the owner (always active, collaborator id
/// <see cref="AppRecord.OwnerCollaboratorId"/>) or a collaborator, <see cref="Active"/> when an account with the e-mail is
/// configured now.</summary>
internal sealed record CollaboratorView(int Id, string Email, AppRole Role, bool Active);
