using System.Net;
using System.Text.RegularExpressions;

namespace Pgb.Client;

/// <summary>
/// An error body that is not the service's JSON, reduced to one short readable line: a front end's or a storage
/// host's HTML page becomes its title (or its first heading), plain text its start. A person reads
/// "502 Bad Gateway", never a page of markup.
/// </summary>
internal static class ErrorPage
{
    /// <summary>The longest text kept: it joins the status in a one-line message.</summary>
    private const int MaxLength = 120;

    private static readonly Regex Title = new(@"<title\b[^>]*>(?<text>.*?)</title\s*>", Options);
    private static readonly Regex Heading = new(@"<h[1-3]\b[^>]*>(?<text>.*?)</h[1-3]\s*>", Options);
    private static readonly Regex Blocks = new(@"<(script|style|head)\b[^>]*>.*?</\1\s*>", Options);
    private static readonly Regex Tags = new(@"<[^>]*>", Options);
    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant);

    private const RegexOptions Options = RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>Whether the body is markup (HTML or XML) rather than text.</summary>
    public static bool IsMarkup(string body) => body.TrimStart().StartsWith("<", StringComparison.Ordinal);

    /// <summary>
    /// The page's title, else its first heading, else its text without tags; for a body that is not markup, its
    /// text. On one line, cut at <see cref="MaxLength"/> characters, secrets redacted before the cut (a secret cut in
    /// half would escape both redactions). Empty when there is nothing to read.
    /// </summary>
    public static string Summarize(string body, IReadOnlyList<string> secrets)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        var text = body;
        if (IsMarkup(body))
        {
            var named = Title.Match(body) is { Success: true } title && Readable(title.Groups["text"].Value) is { Length: > 0 } fromTitle ? fromTitle
                : Heading.Match(body) is { Success: true } heading ? Readable(heading.Groups["text"].Value)
                : string.Empty;
            text = named.Length > 0 ? named : Readable(Blocks.Replace(body, " "));
        }

        return Cut(text, secrets);
    }

    /// <summary>The start of a text on one line, redacted before it is cut.</summary>
    public static string Cut(string text, IReadOnlyList<string> secrets)
    {
        var oneLine = PgbRedaction.Redact(Whitespace.Replace(text, " ").Trim(), secrets);
        return oneLine.Length > MaxLength ? oneLine.Substring(0, MaxLength) + "..." : oneLine;
    }

    private static string Readable(string markup) => Whitespace.Replace(WebUtility.HtmlDecode(Tags.Replace(markup, " ")), " ").Trim();
}
