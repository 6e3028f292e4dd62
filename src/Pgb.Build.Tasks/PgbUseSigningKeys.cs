namespace Pgb.Build.Tasks;

/// <summary>
/// Unlocks and selects the app's signing keys before its builds are queued. The passwords are read here from
/// the environment variables the *PasswordVariable parameters name: a password as a task parameter would be
/// recorded in every binary log.
/// </summary>
public sealed class PgbUseSigningKeys : PgbServiceTask
{
    [Required] public string AppId { get; set; } = string.Empty;

    public string? AndroidKeyId { get; set; }

    /// <summary>The NAME of the variable holding the android key's password (key_pw).</summary>
    public string? AndroidKeyPasswordVariable { get; set; }

    /// <summary>The NAME of the variable holding the android keystore's password (keystore_pw).</summary>
    public string? AndroidKeystorePasswordVariable { get; set; }

    public string? IosKeyId { get; set; }

    /// <summary>The NAME of the variable holding the ios certificate's password.</summary>
    public string? IosKeyPasswordVariable { get; set; }

    protected override bool YieldsNodeWhileRunning => true;

    protected override async Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var appId = ParseAppId(AppId);
        var keys = new List<PgbSigningKey>();
        if (!string.IsNullOrWhiteSpace(AndroidKeyId))
        {
            keys.Add(new PgbSigningKey
            {
                Platform = PgbPlatforms.Android,
                KeyId = PgbServerSettings.ParseKeyId("PgbAndroidKeyId", AndroidKeyId!),
                KeyPassword = PgbServerSettings.PasswordFromEnvironment("PgbAndroidKeyPasswordVariable", AndroidKeyPasswordVariable),
                KeystorePassword = PgbServerSettings.PasswordFromEnvironment("PgbAndroidKeystorePasswordVariable", AndroidKeystorePasswordVariable),
            });
        }

        if (!string.IsNullOrWhiteSpace(IosKeyId))
        {
            keys.Add(new PgbSigningKey
            {
                Platform = PgbPlatforms.Ios,
                KeyId = PgbServerSettings.ParseKeyId("PgbIosKeyId", IosKeyId!),
                Password = PgbServerSettings.PasswordFromEnvironment("PgbIosKeyPasswordVariable", IosKeyPasswordVariable),
            });
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
}
