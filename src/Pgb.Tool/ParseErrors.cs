namespace Pgb.Tool;

/// <summary>
/// The message for a command line that did not parse, without the values of unknown options: someone who types
/// <c>--token SECRET</c> or <c>--password=SECRET</c> (pgb has neither, on purpose) must not find SECRET in a CI log.
/// </summary>
internal static class ParseErrors
{
    public static string Describe(IReadOnlyList<string> args, ParseResult parse)
    {
        var hidden = HiddenForms(args, parse.UnmatchedTokens);
        return string.Join(" ", parse.Errors.Select(e => Hide(e.Message, hidden)));
    }

    /// <summary>
    /// How the values of unmatched options appear in the parser's messages (quoted, as <c>'SECRET'</c>, or inside
    /// <c>'--token=SECRET'</c>), with what replaces each. The value is an unmatched argument right after an unmatched
    /// option, or what follows its '=' (or ':'). A lone unmatched word (a mistyped command) is shown: nothing says it is a value.
    /// </summary>
    private static Dictionary<string, string> HiddenForms(IReadOnlyList<string> args, IReadOnlyList<string> unmatched)
    {
        var unknown = new HashSet<string>(unmatched, StringComparer.Ordinal);
        var hidden = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!unknown.Contains(arg) || !arg.StartsWith('-'))
            {
                continue;
            }

            var separator = arg.IndexOfAny(['=', ':']);
            if (separator > 0 && separator < arg.Length - 1)
            {
                hidden[$"'{arg}'"] = $"'{arg[..(separator + 1)]}***'";
            }
            else if (i + 1 < args.Count && unknown.Contains(args[i + 1]) && !args[i + 1].StartsWith('-'))
            {
                hidden[$"'{args[i + 1]}'"] = "'***'";
            }
        }

        return hidden;
    }

    private static string Hide(string message, Dictionary<string, string> hidden)
    {
        foreach (var (form, replacement) in hidden.OrderByDescending(h => h.Key.Length))
        {
            message = message.Replace(form, replacement, StringComparison.Ordinal);
        }

        return message;
    }
}
