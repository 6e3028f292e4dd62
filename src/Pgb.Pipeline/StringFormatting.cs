using System.Globalization;

namespace Pgb.Pipeline;

internal static class StringFormatting
{
    /// <summary>Formats a resource message with the invariant culture (messages feed logs and CI annotations).</summary>
    public static string F(this string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
