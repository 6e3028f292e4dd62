namespace Pgb.Client;

/// <summary>Platform names and the artifact extension the v1 API docs give for each (docs/msbuild.md lists them).</summary>
public static class PgbPlatforms
{
    public const string Android = "android";
    public const string Ios = "ios";
    public const string BlackBerry = "blackberry";
    public const string Symbian = "symbian";
    public const string WebOS = "webos";
    public const string WinPhone = "winphone";

    /// <summary>The v1 platforms, in the order the docs list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Android, BlackBerry, Ios, Symbian, WebOS, WinPhone];

    /// <summary>Normalizes a user-given name (case, the <c>windows</c> alias); null when unknown.</summary>
    public static string? Normalize(string? name)
    {
        var n = (name ?? string.Empty).Trim().ToLowerInvariant();
        if (n == "windows")
        {
            return WinPhone;
        }

        return All.Contains(n) ? n : null;
    }

    /// <summary>
    /// The extension to save a platform's package with: apk, ipa, ipk, jad (zip once BlackBerry keys are
    /// uploaded: pass <paramref name="signed"/>), wgz, xap.
    /// </summary>
    public static string ExtensionOf(string platform, bool signed = false) => Normalize(platform) switch
    {
        Android => "apk",
        Ios => "ipa",
        WebOS => "ipk",
        BlackBerry => signed ? "zip" : "jad",
        Symbian => "wgz",
        WinPhone => "xap",
        _ => "bin",
    };

    /// <summary>Whether the platform's package is a zip archive (apk, ipa, xap, wgz), which a download must then be.</summary>
    public static bool IsZipPackage(string platform) => Normalize(platform) is Android or Ios or WinPhone or Symbian;
}
