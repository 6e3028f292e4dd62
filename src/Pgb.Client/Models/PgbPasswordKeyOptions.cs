namespace Pgb.Client.Models;

/// <summary>A key unlocked by one password (<c>password</c>), as iOS and BlackBerry keys are; an Android key has two.</summary>
public abstract class PgbPasswordKeyOptions : PgbKeyOptions
{
    private protected PgbPasswordKeyOptions()
    {
    }

    /// <summary>The key's password (an iOS key's is the certificate's); without it the key is uploaded locked.</summary>
    [JsonIgnore] public string? Password { get; set; }

    private protected override IEnumerable<(string Name, string? Value)> DataFields => [("password", Password)];

    internal override IEnumerable<string?> Passwords => [Password];
}
