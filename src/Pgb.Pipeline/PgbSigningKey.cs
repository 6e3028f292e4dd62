namespace Pgb.Pipeline;

/// <summary>
/// A signing key chosen for one platform, by its id on the service or by its files, with the passwords that unlock
/// it (read by the caller from environment variables; never from a command line or a task parameter).
/// </summary>
public sealed class PgbSigningKey
{
    /// <summary>A normalized platform name (see <see cref="PgbPlatformList.Parse"/>).</summary>
    public string Platform { get; set; } = string.Empty;

    /// <summary>The key's id on the service; set by <see cref="PgbPipeline.UseSigningKeysAsync"/> for a key chosen by its <see cref="Files"/>.</summary>
    public int KeyId { get; set; }

    /// <summary>
    /// The key's files, when it is chosen by them instead of by <see cref="KeyId"/>: the key is found on the service by
    /// their title, or uploaded (see <see cref="PgbKeyFiles"/> and <see cref="PgbPipeline.EnsureKeyAsync"/>).
    /// </summary>
    public PgbKeyOptions? Files { get; set; }

    /// <summary>ios and blackberry: the certificate's password.</summary>
    public string? Password { get; set; }

    /// <summary>android: the key's password (<c>key_pw</c>).</summary>
    public string? KeyPassword { get; set; }

    /// <summary>android: the keystore's password (<c>keystore_pw</c>).</summary>
    public string? KeystorePassword { get; set; }

    /// <summary>Unlock first only when a password was given: a key may already be unlocked on the service.</summary>
    public bool HasPasswords => Password is not null || KeyPassword is not null || KeystorePassword is not null;

    /// <summary>Never the passwords: this ends up in logs.</summary>
    public override string ToString() => Strings.SigningKey.F(Platform, KeyId);
}
