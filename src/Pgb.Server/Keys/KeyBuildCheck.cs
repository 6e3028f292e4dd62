namespace Pgb.Server.Keys;

/// <summary>What a selected signing key does to a build, decided when the build is queued (like every other simulated
/// outcome). Only keys the app's owner has in the store count: an id naming no such key is no key at all (docs/server.md,
/// "Signing keys").</summary>
internal static class KeyBuildCheck
{
    /// <summary>The real service's message for a build with a locked key.</summary>
    public static string LockedMessage(string platform) => $"{platform} signing key is locked";

    /// <summary>What keytool said when a keystore password was wrong; the service showed it as the build error.</summary>
    public const string WrongPasswordMessage = "Keystore was tampered with, or password was incorrect";

    /// <summary>Platforms the service built only with a signing key: without one their status stays <c>null</c> (Read
    /// API examples: <c>"ios":null</c> beside <c>"keys":{"ios":null}</c>). Android was signed with a debug key, BlackBerry
    /// shipped an unsigned <c>jad</c>, the others needed none.</summary>
    public static bool NeedsKey(string platform) => platform == "ios";

    /// <summary>The error <paramref name="key"/> gives a build of <paramref name="platform"/>, or null.</summary>
    public static string? Failure(SigningKey key, string platform, IReadOnlyCollection<string> rejectedPasswords) =>
        key.Locked ? LockedMessage(platform)
        : key.HasPasswordIn(rejectedPasswords) ? WrongPasswordMessage
        : null;
}
