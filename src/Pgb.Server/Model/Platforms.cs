namespace Pgb.Server.Model;

/// <summary>The platforms the v1 API names, their aliases and their package extensions (Read API, "download").</summary>
internal static class Platforms
{
    /// <summary>Every platform in the order the status maps list them.</summary>
    public static readonly IReadOnlyList<string> All = ["android", "blackberry", "ios", "symbian", "webos", "winphone"];

    /// <summary>Key groups the key listings always show. ios/android/blackberry are the Read API's; by 2018 the
    /// service also listed windows and winphone, and the official CLI crashes without them.</summary>
    public static readonly IReadOnlyList<string> KeyGroups = ["ios", "android", "blackberry", "windows", "winphone"];

    /// <summary>Lower-cases and maps the <c>windows</c> alias to <c>winphone</c>.</summary>
    public static bool TryNormalize(string? name, out string platform)
    {
        platform = (name ?? string.Empty).Trim().ToLowerInvariant();
        if (platform == "windows")
        {
            platform = "winphone";
        }

        return All.Contains(platform);
    }

    /// <summary>Per the Read API: apk, ipa, ipk, jad (zip once a BlackBerry key is set), wgz, xap.</summary>
    public static string Extension(string platform, bool hasSigningKey) => platform switch
    {
        "android" => "apk",
        "ios" => "ipa",
        "webos" => "ipk",
        "blackberry" => hasSigningKey ? "zip" : "jad",
        "symbian" => "wgz",
        "winphone" => "xap",
        _ => "zip",
    };

    public static string ContentType(string extension) => extension switch
    {
        "apk" => "application/vnd.android.package-archive",
        "ipa" => "application/octet-stream",
        "xap" => "application/x-silverlight-app",
        "jad" => "text/vnd.sun.j2me.app-descriptor",
        "zip" => "application/zip",
        "png" => "image/png",
        "jpg" or "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        _ => "application/octet-stream",
    };
}
