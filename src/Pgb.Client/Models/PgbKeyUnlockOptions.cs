namespace Pgb.Client.Models;

/// <summary>
/// The passwords of <c>PUT /api/v1/keys/:platform/:id</c>: <see cref="Password"/> for iOS and BlackBerry,
/// <see cref="KeyPassword"/> and <see cref="KeystorePassword"/> for Android. The service does not check them
/// here: a wrong one surfaces later as a build error.
/// </summary>
public sealed class PgbKeyUnlockOptions
{
    /// <summary>iOS and BlackBerry (<c>password</c>).</summary>
    [JsonIgnore] public string? Password { get; set; }

    /// <summary>Android's private key password (<c>key_pw</c>).</summary>
    [JsonIgnore] public string? KeyPassword { get; set; }

    /// <summary>Android's keystore password (<c>keystore_pw</c>).</summary>
    [JsonIgnore] public string? KeystorePassword { get; set; }

    /// <summary>The <c>data</c> JSON with the passwords that are set.</summary>
    internal string Data()
    {
        var data = new JObject();
        if (Password is not null)
        {
            data["password"] = Password;
        }

        if (KeyPassword is not null)
        {
            data["key_pw"] = KeyPassword;
        }

        if (KeystorePassword is not null)
        {
            data["keystore_pw"] = KeystorePassword;
        }

        return data.ToString(Formatting.None);
    }

    internal IEnumerable<string?> Passwords => [Password, KeyPassword, KeystorePassword];

    /// <summary>Throws when the platform's passwords are missing: an unlock without them would leave the key locked.</summary>
    internal void Validate(string platform, string parameterName)
    {
        switch (PgbPlatforms.Normalize(platform))
        {
            case PgbPlatforms.Android:
                if (string.IsNullOrEmpty(KeyPassword) || string.IsNullOrEmpty(KeystorePassword))
                {
                    throw new ArgumentException("Unlocking an android key needs both the key password and the keystore password.", parameterName);
                }

                break;
            case PgbPlatforms.Ios:
            case PgbPlatforms.BlackBerry:
                if (string.IsNullOrEmpty(Password))
                {
                    throw new ArgumentException($"Unlocking a {platform} key needs its password.", parameterName);
                }

                break;
            default:
                // Platforms the v1 API docs do not describe (windows keys): send whatever is given.
                if (Passwords.All(string.IsNullOrEmpty))
                {
                    throw new ArgumentException("No password given to unlock the key with.", parameterName);
                }

                break;
        }
    }

    /// <summary>Never prints a password: options end up in logs and exception messages otherwise.</summary>
    public override string ToString() =>
        $"key unlock (password {Shown(Password)}, key password {Shown(KeyPassword)}, keystore password {Shown(KeystorePassword)})";

    private static string Shown(string? password) => password is null ? "not set" : "(redacted)";
}
