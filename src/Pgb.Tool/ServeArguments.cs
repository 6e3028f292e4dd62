using Pgb.Server;

namespace Pgb.Tool;

/// <summary>Reads the values of <c>pgb serve</c>'s repeatable options; a malformed one is PGB1000 (exit 2).</summary>
internal static class ServeArguments
{
    /// <summary>
    /// <c>NAME:EMAIL:PASSWORD:TOKEN</c>. The password may hold colons (name and e-mail are the first two fields,
    /// the token the last). The message never repeats the value: it holds a password and a token.
    /// </summary>
    public static PgbAccount ParseUser(string text, int position)
    {
        var first = text.IndexOf(':', StringComparison.Ordinal);
        var second = first < 0 ? -1 : text.IndexOf(':', first + 1);
        var last = text.LastIndexOf(':');
        if (first <= 0 || second <= first + 1 || last <= second + 1 || last == text.Length - 1)
        {
            throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.UserInvalid.F(position));
        }

        return new PgbAccount(text[..first], text[(first + 1)..second], text[(second + 1)..last], text[(last + 1)..]);
    }

    /// <summary>
    /// Each account needs its own e-mail (its identity: apps in a data directory belong to it), user name and token;
    /// a second one with the same is PGB1000 naming both <c>--user</c> positions (not their values: they hold secrets).
    /// </summary>
    public static void CheckDistinct(IReadOnlyList<PgbAccount> accounts)
    {
        for (var later = 1; later < accounts.Count; later++)
        {
            for (var earlier = 0; earlier < later; earlier++)
            {
                var what = string.Equals(accounts[earlier].Email, accounts[later].Email, StringComparison.OrdinalIgnoreCase) ? "e-mail"
                    : string.Equals(accounts[earlier].UserName, accounts[later].UserName, StringComparison.OrdinalIgnoreCase) ? "user name"
                    : string.Equals(accounts[earlier].Token, accounts[later].Token, StringComparison.Ordinal) ? "token"
                    : null;
                if (what is not null)
                {
                    throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.UserDuplicate.F(earlier + 1, later + 1, what));
                }
            }
        }
    }

    /// <summary>A host name or IP address, as a Host header names it: no scheme, port or path.</summary>
    public static string ParseAllowedHost(string text)
    {
        var host = text.Trim();
        if (host.Length == 0 || Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
        {
            throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.AllowedHostInvalid.F(PgbRedaction.Redact(text)));
        }

        return host;
    }

    /// <summary><c>PLATFORM=MESSAGE</c>: builds of that platform end in <c>error</c> with that message.</summary>
    public static KeyValuePair<string, string> ParseFailure(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.FailInvalid.F(PgbRedaction.Redact(text)));
        }

        var platforms = PgbPlatformList.Parse(text[..equals]);
        if (platforms.Count != 1)
        {
            throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.FailNamesSeveral.F(text[..equals]));
        }

        return new(platforms[0], text[(equals + 1)..]);
    }
}
