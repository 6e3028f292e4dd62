using System.Text.RegularExpressions;

namespace Pgb.Server.Build;

/// <summary>The repository URLs the server clones, and how they are shown. A URL is checked when an app names it, before
/// anything is stored, so a refused one never reaches git, a log or an answer.</summary>
internal static partial class RepoUrls
{
    /// <summary>The URL trimmed, if the server clones it: <c>https://</c>, <c>http://</c>, <c>ssh://</c>, <c>git://</c>,
    /// <c>file://</c>, or scp-style <c>[user@]host:path</c>. The service refused URLs carrying credentials (it never
    /// authenticated against repositories): any user in an http(s) URL (<c>https://alunny@github.com/...</c>, a token
    /// passed as a user name included) and any password anywhere is a 400 naming the part to remove, as the service's
    /// message did (<c>try removing "alunny@"</c>), with the password masked, and the user too unless it reads as a user name
    /// (tokens have digits; names like alunny rarely do). An ssh URL may name its user (<c>git@github.com:...</c>): ssh authenticates with keys, not with the URL.
    /// Anything else (a local path, a <c>transport::</c> address, an option) is refused too.</summary>
    /// <exception cref="ApiException">400.</exception>
    public static string Check(string repo)
    {
        var url = repo.Trim();
        if (url.Length == 0 || url.StartsWith('-') || url.Any(char.IsControl) || url.Any(char.IsWhiteSpace) || Transport().IsMatch(url))
        {
            throw ServerErrors.UnsupportedRepository();
        }

        var match = Url().Match(url);
        if (match.Success)
        {
            var scheme = match.Groups["scheme"].Value.ToLowerInvariant();
            var user = match.Groups["user"];
            if (scheme is not ("https" or "http" or "ssh" or "git" or "file") || match.Groups["rest"].Length == 0)
            {
                throw ServerErrors.UnsupportedRepository();
            }

            if (user.Success && (scheme != "ssh" || user.Value.Contains(':', StringComparison.Ordinal)))
            {
                throw ServerErrors.PrivateRepository(Mask(user.Value) + "@");
            }

            return url;
        }

        // scp-style: a ':' before any '/', and not a drive letter (C:\app is a local path).
        var scp = ScpLike().Match(url);
        if (!scp.Success || scp.Groups["host"].Value.Length == 1)
        {
            throw ServerErrors.UnsupportedRepository();
        }

        return scp.Groups["user"] is { Success: true } scpUser && scpUser.Value.Contains(':', StringComparison.Ordinal)
            ? throw ServerErrors.PrivateRepository(Mask(scpUser.Value) + "@")
            : url;
    }

    /// <summary>Text (git's messages) with any credentials in URLs masked: the password of <c>user:password@</c>
    /// anywhere, and the whole user part of http(s) URLs, where it can only be a credential.</summary>
    public static string Redact(string text) => UserInfoInText().Replace(text, m =>
        m.Groups["scheme"].Value.StartsWith("http", StringComparison.OrdinalIgnoreCase)
            ? $"{m.Groups["scheme"].Value}://***@"
            : $"{m.Groups["scheme"].Value}://{Mask(m.Groups["user"].Value)}@");

    /// <summary><c>user:password</c> as <c>user:***</c>; the user as it is when it reads as a user name (letters, '.', '_'
    /// and '-', at most 39), else <c>***</c> too: a token passed as the user is a password.</summary>
    private static string Mask(string userInfo)
    {
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = colon >= 0 ? userInfo[..colon] : userInfo;
        var shown = user.Length is > 0 and <= 39 && user.All(c => char.IsAsciiLetter(c) || c is '.' or '_' or '-') ? user : "***";
        return colon >= 0 ? shown + ":***" : shown;
    }

    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://(?:(?<user>[^/@]*)@)?(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    [GeneratedRegex(@"^(?:(?<user>[^/@:]+(?::[^/@]*)?)@)?(?<host>[^/@:]+):(?<path>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ScpLike();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*::", RegexOptions.CultureInvariant)]
    private static partial Regex Transport();

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://(?<user>[^/@\s'""]+)@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfoInText();
}
