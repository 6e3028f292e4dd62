using Microsoft.Build.Framework;
using Pgb.Client;
using Pgb.Client.Models;
using Pgb.Pipeline;

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

        var chosen = new List<(PgbSigningKey Key, PgbKeyOptions? Upload)>();
        if (Set(AndroidKeyId) || Set(AndroidKeystore))
        {
            chosen.Add(AndroidKey());
        }

        if (Set(IosKeyId) || Set(IosCertificate))
        {
            chosen.Add(IosKey());
        }

        if (chosen.Count == 0)
        {
            return;
        }

        var pipeline = CreatePipeline(out var client);
        using (client)
        {
            var keys = new List<PgbSigningKey>();
            foreach (var (key, upload) in chosen)
            {
                if (upload is not null)
                {
                    var ensured = await pipeline.EnsureKeyAsync(upload, Progress(), cancellationToken).ConfigureAwait(false);
                    key.KeyId = ensured.Key.Id;
                    if (ensured.Uploaded)
                    {
                        // Sent with its passwords just now, so unlocked: no second request to unlock it.
                        key.Password = key.KeyPassword = key.KeystorePassword = null;
                    }
                }

                keys.Add(key);
            }

            await pipeline.UseSigningKeysAsync(appId, keys, Progress(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The android key with its passwords, and what to upload when it is given by its files.</summary>
    private (PgbSigningKey Key, PgbKeyOptions? Upload) AndroidKey()
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
            return (key, null);
        }

        var upload = new PgbAndroidKeyOptions
        {
            Title = PgbKeyFiles.ContentTitle(TitleStart(AndroidKeyTitle), PgbPlatforms.Android, AndroidKeyAlias, AndroidKeystore!),
            KeystorePath = AndroidKeystore,
            Alias = AndroidKeyAlias,
            KeyPassword = key.KeyPassword,
            KeystorePassword = key.KeystorePassword,
        };
        return (key, upload);
    }

    private (PgbSigningKey Key, PgbKeyOptions? Upload) IosKey()
    {
        var key = new PgbSigningKey
        {
            Platform = PgbPlatforms.Ios,
            Password = PgbServerSettings.PasswordFromEnvironment("PgbIosKeyPasswordVariable", IosKeyPasswordVariable),
        };
        if (Set(IosKeyId))
        {
            key.KeyId = PgbServerSettings.ParseKeyId("PgbIosKeyId", IosKeyId!);
            return (key, null);
        }

        var upload = new PgbIosKeyOptions
        {
            Title = PgbKeyFiles.ContentTitle(TitleStart(IosKeyTitle), PgbPlatforms.Ios, null, IosCertificate!, IosProfile!),
            CertificatePath = IosCertificate,
            ProfilePath = IosProfile,
            Password = key.Password,
        };
        return (key, upload);
    }

    private string TitleStart(string? title) => Set(title) ? title! : Set(AppTitle) ? AppTitle! : "Pgb.Build.Tasks";

    private static bool Set(string? value) => !string.IsNullOrWhiteSpace(value);
}
