namespace Pgb.Client.Models;

/// <summary>An Android key: a keystore, sent as the <c>keystore</c> part, and the alias of the key in it.</summary>
public sealed class PgbAndroidKeyOptions : PgbKeyOptions
{
    public override string Platform => PgbPlatforms.Android;

    public string? KeystorePath { get; set; }

    /// <summary>Required: the alias of the signing key inside the keystore.</summary>
    public string? Alias { get; set; }

    /// <summary>The private key's password (<c>key_pw</c>); without it the key is uploaded locked.</summary>
    [JsonIgnore] public string? KeyPassword { get; set; }

    /// <summary>The keystore's password (<c>keystore_pw</c>); without it the key is uploaded locked.</summary>
    [JsonIgnore] public string? KeystorePassword { get; set; }

    private protected override IEnumerable<(string Name, string? Value)> DataFields =>
        [("alias", Alias), ("key_pw", KeyPassword), ("keystore_pw", KeystorePassword)];

    internal override IReadOnlyList<(string Part, string? Path, string What, string Property)> Files =>
        [("keystore", KeystorePath, "Android keystore", nameof(KeystorePath))];

    internal override IEnumerable<string?> Passwords => [KeyPassword, KeystorePassword];

    internal override void Validate(string parameterName)
    {
        base.Validate(parameterName);
        if (string.IsNullOrWhiteSpace(Alias))
        {
            throw new ArgumentException("An android key needs the alias of the key in the keystore.", parameterName);
        }
    }

    public override string ToString() =>
        $"android key \"{Title}\" (keystore {FileNameOf(KeystorePath)}, alias {Alias}, key password {Shown(KeyPassword)}, keystore password {Shown(KeystorePassword)})";
}
