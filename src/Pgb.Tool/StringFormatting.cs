namespace Pgb.Tool;

internal static class StringFormatting
{
    /// <summary>Formats a resource message with the invariant culture: scripts and CI logs read what pgb prints.</summary>
    public static string F(this string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
