using System.Text.RegularExpressions;

namespace Pgb.Server.Build;

internal static partial class RepoUrls
{
    /// <summary>The service refused repository URLs carrying credentials (it never authenticated against repos):
    /// <c>https://alunny@github.com/...</c>, <c>https://u:p@host/...</c> and scp-style <c>git@host:path</c>.
    /// Returns the offending "user@" part, or null when the URL is public.</summary>
    public static string? FindUserInfo(string url)
    {
        var match = UserInfo().Match(url.Trim());
        return match.Success ? match.Groups["user"].Value + "@" : null;
    }

    [GeneratedRegex(@"^(?:[A-Za-z][A-Za-z0-9+.\-]*://)?(?<user>[^/@\s]+)@[^/@\s]+", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
