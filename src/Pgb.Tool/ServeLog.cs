namespace Pgb.Tool;

/// <summary>The server's request log as <c>pgb serve --verbose</c> prints it: one line per entry.</summary>
internal static class ServeLog
{
    /// <summary>
    /// The first line of an entry. The entry of a request that failed inside the server holds the whole exception;
    /// its first line (type and message) is what a person at the terminal needs, and a stack trace is something
    /// pgb never prints (docs/pgb.md promises one line per request).
    /// </summary>
    public static string OneLine(string entry)
    {
        var end = entry.IndexOfAny(['\r', '\n']);
        return end < 0 ? entry : entry[..end].TrimEnd();
    }
}
