namespace Pgb.Pipeline;

/// <summary>A key found by its title, or uploaded: the MSBuild way to sign with key files (see <see cref="PgbKeyFiles"/>).</summary>
public sealed partial class PgbPipeline
{
    /// <summary>
    /// The account's key of <paramref name="key"/>'s platform titled exactly <c>key.Title</c>, or, when there is none,
    /// <paramref name="key"/> uploaded (unlocked when its passwords are set). <see cref="PgbEnsuredKey.Uploaded"/>
    /// says which: a key found may have been locked since, so the caller unlocks it.
    /// </summary>
    public async Task<PgbEnsuredKey> EnsureKeyAsync(PgbKeyOptions key, IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        var listing = await ListKeysAsync(key.Platform, cancellationToken).ConfigureAwait(false);
        var found = listing.Keys.FirstOrDefault(k => string.Equals(k.Title, key.Title, StringComparison.Ordinal));
        if (found is not null)
        {
            progress?.Report(PgbProgress.Step(PgbStage.Upload, Strings.KeyFound.F(key.Platform, key.Title ?? string.Empty, found.Id)));
            return new PgbEnsuredKey(found, uploaded: false);
        }

        var added = await AddKeyAsync(key, cancellationToken).ConfigureAwait(false);
        progress?.Report(PgbProgress.Step(PgbStage.Upload, Strings.KeyUploaded.F(key.Platform, key.Title ?? string.Empty, added.Id)));
        return new PgbEnsuredKey(added, uploaded: true);
    }

    /// <summary>
    /// <paramref name="key"/> with the id of the key its files are on the service as. One uploaded now went with its
    /// passwords, so it is unlocked already: it comes back without them, and no second request unlocks it.
    /// </summary>
    private async Task<PgbSigningKey> EnsureKeyAsync(PgbSigningKey key, IProgress<PgbProgress>? progress, CancellationToken cancellationToken)
    {
        var ensured = await EnsureKeyAsync(key.Files!, progress, cancellationToken).ConfigureAwait(false);
        return ensured.Uploaded
            ? new PgbSigningKey { Platform = key.Platform, KeyId = ensured.Key.Id }
            : new PgbSigningKey { Platform = key.Platform, KeyId = ensured.Key.Id, Password = key.Password, KeyPassword = key.KeyPassword, KeystorePassword = key.KeystorePassword };
    }
}
