namespace Pgb.Server.Keys;

/// <summary>Which platforms take key uploads, what files and passwords each needs (Write API, "POST /api/v1/keys/:platform").</summary>
internal static class KeyPlatforms
{
    /// <summary>Platforms that accept uploads. windows/winphone are listed (the official CLI reads those groups) but the
    /// API docs never describe their upload, so the server refuses it rather than guess.</summary>
    public static readonly IReadOnlyList<string> Uploadable = ["ios", "android", "blackberry"];

    /// <summary>The password fields of every platform.</summary>
    public static readonly IReadOnlyList<string> AllPasswordNames = ["password", "key_pw", "keystore_pw"];

    /// <summary>The password fields that unlock a key: one for iOS and BlackBerry, two for Android.</summary>
    public static IReadOnlyList<string> PasswordNames(string platform) =>
        platform == "android" ? ["key_pw", "keystore_pw"] : ["password"];

    /// <summary>The file parts an upload needs, each with the names clients used: v1's (<c>cert</c>, <c>profile</c>,
    /// <c>keystore</c>, <c>db</c>, <c>csk</c>) and v0's (<c>cert_file</c>, <c>profile_file</c>, <c>key_file</c>, ...).</summary>
    public static IReadOnlyList<string[]> FileParts(string platform) => platform switch
    {
        "ios" => [["cert", "cert_file"], ["profile", "profile_file"]],
        "android" => [["keystore", "key_file", "keystore_file"]],
        _ => [["db", "db_file"], ["csk", "csk_file"]],
    };

    /// <summary>The group a key of <paramref name="platform"/> is listed under; windows is the winphone alias.</summary>
    public static string Group(string name) => name == "windows" ? "winphone" : name;
}
