namespace Pgb.Server.Keys;

/// <summary>The password fields of key uploads, key unlocks and an app's <c>keys.PLATFORM</c> objects. Values are only
/// turned into <see cref="KeyPasswordHash"/>es; callers must not log them.</summary>
internal static class KeyPasswords
{
    /// <summary>Every password field present in <paramref name="fields"/>, whatever platform it unlocks (the service
    /// keeps those of the key's platform: <see cref="For"/>).</summary>
    public static IReadOnlyDictionary<string, string> Read(JsonObject fields)
    {
        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in KeyPlatforms.AllPasswordNames)
        {
            // Numbers too: "password":12345678 is what a JSON writer makes of a numeric password.
            if (fields[name] is JsonValue value && (value.TryGetValue<string>(out var text) ? text : value.ToJsonString()) is { Length: > 0 } password)
            {
                passwords[name] = password;
            }
        }

        return passwords;
    }

    /// <summary>The passwords a key of <paramref name="platform"/> takes.</summary>
    public static IReadOnlyDictionary<string, string> For(string platform, IReadOnlyDictionary<string, string> passwords) =>
        KeyPlatforms.PasswordNames(platform).Where(passwords.ContainsKey).ToDictionary(name => name, name => passwords[name], StringComparer.Ordinal);

    /// <summary>Hashes each password (a tenth of a second apiece: call it before taking any lock).</summary>
    public static IReadOnlyDictionary<string, KeyPasswordHash> Hash(IReadOnlyDictionary<string, string> passwords) =>
        passwords.ToDictionary(p => p.Key, p => KeyPasswordHash.Create(p.Value), StringComparer.Ordinal);
}
