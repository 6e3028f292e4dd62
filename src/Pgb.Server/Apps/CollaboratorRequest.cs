namespace Pgb.Server.Apps;

/// <summary>POST .../collaborators or PUT .../collaborators/:id as sent: <c>email</c> (or <c>person</c>, as answers name
/// it) and <c>role</c>, null when missing. The service checks them.</summary>
internal sealed record CollaboratorRequest(string? Email, string? Role);
