using System.Text;

namespace Pgb.Server.Build;

internal static class FileNames
{
    /// <summary>Makes a title safe for a URL path segment and a file name: letters, digits, '.', '_' and '-' stay,
    /// runs of anything else become one '-'. "My App!" -> "My-App".</summary>
    public static string Sanitize(string? text, string fallback = "app")
    {
        var builder = new StringBuilder();
        foreach (var c in text ?? string.Empty)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var result = builder.ToString().Trim('-', '.');
        return result.Length == 0 ? fallback : result;
    }
}
