namespace Pgb.Client.Models;

/// <summary>
/// The roles of a collaborator. Requests name the developer role <c>dev</c> (Write API) while answers say
/// <c>developer</c>: <see cref="ToWire"/> takes either and sends what the docs ask for.
/// </summary>
public static class PgbCollaboratorRoles
{
    /// <summary>Reads and downloads the app.</summary>
    public const string Tester = "tester";

    /// <summary>Also updates and builds it (<c>dev</c> on the wire).</summary>
    public const string Developer = "developer";

    /// <summary>Does everything, collaborators included.</summary>
    public const string Admin = "admin";

    /// <summary>The roles a person may give, as answers name them.</summary>
    public static IReadOnlyList<string> All { get; } = [Tester, Developer, Admin];

    /// <summary>The role as a request carries it; null for an unknown one.</summary>
    public static string? ToWire(string? role) => (role ?? string.Empty).Trim().ToLowerInvariant() switch
    {
        "tester" => Tester,
        "dev" or "developer" => "dev",
        "admin" => Admin,
        _ => null,
    };
}
