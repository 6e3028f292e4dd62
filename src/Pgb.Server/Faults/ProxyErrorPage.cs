using System.Net;

namespace Pgb.Server.Faults;

/// <summary>The HTML error page a reverse proxy answers (the shape nginx uses), which the service's front end sent for
/// 404, 411, 413 and 504 instead of JSON.</summary>
internal static class ProxyErrorPage
{
    public const string ContentType = "text/html; charset=utf-8";

    public static string For(int status, string reasonPhrase)
    {
        var title = WebUtility.HtmlEncode(string.Create(CultureInfo.InvariantCulture, $"{status} {reasonPhrase}"));
        return $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }
}
