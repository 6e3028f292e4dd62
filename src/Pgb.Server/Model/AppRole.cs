namespace Pgb.Server.Model;

/// <summary>What a person is to an app, weakest first: a collaborator's role, or the owner (who created the app and whose
/// signing keys it builds with). What each may do is decided by <see cref="Apps.AppAccess"/> (docs/server.md,
/// "Collaborators").</summary>
internal enum AppRole
{
    /// <summary>Reads and downloads ("read-only access" in the Write API).</summary>
    Tester,

    /// <summary>Also updates and builds (the Write API's <c>dev</c>, "read and write access"; answers spell it
    /// <c>developer</c>).</summary>
    Developer,

    /// <summary>Everything the owner does, except that it cannot remove or demote the owner.</summary>
    Admin,

    Owner,
}

/// <summary>Roles as the API spells them.</summary>
internal static class AppRoles
{
    /// <summary>The role in answers. The owner is <c>admin</c>, as every example of the API shows the owner of an app.</summary>
    public static string Name(AppRole role) => role switch
    {
        AppRole.Tester => "tester",
        AppRole.Developer => "developer",
        _ => "admin",
    };

    /// <summary>A role a collaborator can be given: <c>tester</c>, <c>dev</c> (what the Write API asks for),
    /// <c>developer</c> (what its answers show) or <c>admin</c>, in any case. Nobody can be made the owner.</summary>
    public static bool TryParse(string? text, out AppRole role)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "tester":
                role = AppRole.Tester;
                return true;
            case "dev" or "developer":
                role = AppRole.Developer;
                return true;
            case "admin":
                role = AppRole.Admin;
                return true;
            default:
                role = default;
                return false;
        }
    }
}
