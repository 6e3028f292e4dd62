namespace Pgb.Build.Tasks;

/// <summary>
/// Chooses, unlocks and selects the app's signing keys before its builds are queued. A key is chosen by the id of a
/// key on the service (<c>PgbAndroidKeyId</c>) or by its files (<c>PgbAndroidKeystore</c>...), which are uploaded
/// once under a title naming their contents and found by it afterwards (see <see cref="PgbKeyFiles"/>). The
/// passwords are read here from the environment variables the *PasswordVariable parameters name: a password as a
/// task parameter would be recorded in every binary log.
/// </summary>
public sealed class PgbUseSigningKeys : PgbServiceTask
{
    [Required] public string AppId { get; set; } = string.Empty;

    /// <summary>The title the uploaded keys are named after (with their platform and a hash of their files).</summary>
    public string? AppTitle { get; set; }

    public string? AndroidKeyId { get; set; }

    /// <summary>The keystore to upload, instead of <see cref="AndroidKeyId"/>.</summary>
    public string? AndroidKeystore { get; set; }

    /// <summary>The alias of the key inside <see cref="AndroidKeystore"/>.</summary>
    public string? AndroidKeyAlias { get; set; }

    /// <summary>The start of the uploaded android key's title; <see cref="AppTitle"/> when empty.</summary>
    public string? AndroidKeyTitle { get; set; }

    /// <summary>The NAME of the variable holding the android key's password (key_pw).</summary>
    public string? AndroidKeyPasswordVariable { get; set; }

    /// <summary>The NAME of the variable holding the android keystore's password (keystore_pw).</summary>
    public string? AndroidKeystorePasswordVariable { get; set; }

    public string? IosKeyId { get; set; }

    /// <summary>The .p12 certificate to upload, with <see cref="IosProfile"/>, instead of <see cref="IosKeyId"/>.</summary>
    public string? IosCertificate { get; set; }

    /// <summary>The .mobileprovision profile to upload with <see cref="IosCertificate"/>.</summary>
    public string? IosProfile { get; set; }

    /// <summary>The start of the uploaded ios key's title; <see cref="AppTitle"/> when empty.</summary>
    public string? IosKeyTitle { get; set; }

    /// <summary>The NAME of the variable holding the ios certificate's password.</summary>
    public string? IosKeyPasswordVariable { get; set; }

    protected override bool YieldsNodeWhileRunning => true;

    protected override async Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var appId = ParseAppId(AppId);
        var problem = PgbKeyFiles.CheckAndroid(AndroidKeyId, AndroidKeystore, AndroidKeyAlias)
            .Concat(PgbKeyFiles.CheckIos(IosKeyId, IosCertificate, IosProfile))
            .FirstOrDefault();
        if (problem is not null)
        {
            throw problem;
        }

        var keys = new List<PgbSigningKey>();
        if (Set(AndroidKeyId) || Set(AndroidKeystore))
        {
            keys.Add(AndroidKey());
        }

        if (Set(IosKeyId) || Set(IosCertificate))
        {
            keys.Add(IosKey());
        }

        if (keys.Count == 0)
        {
            return;
        }

        var pipeline = CreatePipeline(out var client);
        using (client)
        {
            await pipeline.UseSigningKeysAsync(appId, keys, Progress(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The android key with its passwords: by its id, or by its files (uploaded when the service does not have them).</summary>
    private PgbSigningKey AndroidKey()
    {
        var key = new PgbSigningKey
        {
            Platform = PgbPlatforms.Android,
            KeyPassword = PgbServerSettings.PasswordFromEnvironment("PgbAndroidKeyPasswordVariable", AndroidKeyPasswordVariable),
            KeystorePassword = PgbServerSettings.PasswordFromEnvironment("PgbAndroidKeystorePasswordVariable", AndroidKeystorePasswordVariable),
        };
        if (Set(AndroidKeyId))
        {
            key.KeyId = PgbServerSettings.ParseKeyId("PgbAndroidKeyId", AndroidKeyId!);
        }
        else
        {
            key.Files = PgbKeyFiles.Android(TitleStart(AndroidKeyTitle), AndroidKeystore!, AndroidKeyAlias, key.KeyPassword, key.KeystorePassword);
        }

        return key;
    }

    private PgbSigningKey IosKey()
    {
        var key = new PgbSigningKey
        {
            Platform = PgbPlatforms.Ios,
            Password = PgbServerSettings.PasswordFromEnvironment("PgbIosKeyPasswordVariable", IosKeyPasswordVariable),
        };
        if (Set(IosKeyId))
        {
            key.KeyId = PgbServerSettings.ParseKeyId("PgbIosKeyId", IosKeyId!);
        }
        else
        {
            key.Files = PgbKeyFiles.Ios(TitleStart(IosKeyTitle), IosCertificate!, IosProfile!, key.Password);
        }

        return key;
    }

    private string TitleStart(string? title) => Set(title) ? title! : Set(AppTitle) ? AppTitle! : "Pgb.Build.Tasks";

    private static bool Set(string? value) => !string.IsNullOrWhiteSpace(value);
}
