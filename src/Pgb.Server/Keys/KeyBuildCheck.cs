namespace Pgb.Server.Keys;

/// <summary>What a selected signing key does to a build, decided when the build is queued (like every other simulated
/// outcome). Only keys the app's owner has in the store count: an id naming no such key changes nothing, so apps that
/// select ids of keys never uploaded here still build (docs/server.md, "Signing keys").</summary>
internal static class KeyBuildCheck
{
    /// <summary>The real service's message for a build with a locked key.</summary>
    public static string LockedMessage(string platform) => $"{platform} signing key is locked";

    /// <summary>What keytool said when a keystore password was wrong; the service showed it as the build error.</summary>
    public const string WrongPasswordMessage = "Keystore was tampered with, or password was incorrect";

    public static string? Failure(KeyStore keys, PgbSimulation simulation, int ownerId, string platform, IReadOnlyDictionary<string, int> keyIds)
    {
        if (!keyIds.TryGetValue(platform, out var id) || keys.Find(ownerId, platform, id) is not { } key)
        {
            return null;
        }

        lock (keys.Gate)
        {
            return key.Locked ? LockedMessage(platform)
                : key.HasPasswordIn(simulation.IsRejectedKeyPassword) ? WrongPasswordMessage
                : null;
        }
    }
}
