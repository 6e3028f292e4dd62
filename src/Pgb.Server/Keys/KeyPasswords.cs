using System.Text.Json.Nodes;

namespace Pgb.Server.Keys;

/// <summary>Reads the password fields a platform's key takes out of a request's fields (a key upload or unlock, or an
/// app's <c>keys.PLATFORM</c> object). Values are only handed to <see cref="SigningKey"/>; callers must not log them.</summary>
internal static class KeyPasswords
{
    public static IReadOnlyDictionary<string, string> From(string platform, JsonObject fields)
    {
        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in KeyPlatforms.PasswordNames(platform))
        {
            // Numbers too: "password":12345678 is what a JSON writer makes of a numeric password.
            if (fields[name] is JsonValue value && (value.TryGetValue<string>(out var text) ? text : value.ToJsonString()) is { Length: > 0 } password)
            {
                passwords[name] = password;
            }
        }

        return passwords;
    }

    /// <summary>Applies the passwords an app's <c>keys</c> entry carries to that key (Write API: "Using the second form
    /// allows you to unlock the given key, without making a separate PUT request"). Unknown ids are left alone.</summary>
    public static void UnlockFromApp(KeyStore store, int ownerId, string platform, int id, JsonObject entry, DateTimeOffset now)
    {
        if (store.Find(ownerId, platform, id) is not { } key)
        {
            return;
        }

        lock (store.Gate)
        {
            if (key.SetPasswords(From(key.Platform, entry)))
            {
                key.UpdatedAt = now;
            }
        }
    }
}
