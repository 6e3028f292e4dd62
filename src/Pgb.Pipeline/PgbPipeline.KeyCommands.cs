namespace Pgb.Pipeline;

/// <summary>The signing-key calls of <c>pgb keys</c>, with the pipeline's coded errors.</summary>
public sealed partial class PgbPipeline
{
    /// <summary>Every key of the account, grouped by platform.</summary>
    public Task<PgbKeyListing> ListKeysAsync(CancellationToken cancellationToken = default) =>
        Call(Strings.CallListingKeys, () => _client.GetKeysAsync(cancellationToken), null);

    /// <summary>The keys of one platform.</summary>
    public Task<PgbPlatformKeyListing> ListKeysAsync(string platform, CancellationToken cancellationToken = default) =>
        Call(Strings.CallListingKeys, () => _client.GetPlatformKeysAsync(platform, cancellationToken), null);

    public Task<PgbKeyReference> GetKeyAsync(string platform, int keyId, CancellationToken cancellationToken = default) =>
        Call(Strings.CallReadingKey.F(platform, keyId), () => _client.GetKeyAsync(platform, keyId, cancellationToken), null);

    /// <summary>Uploads a key (locked unless its passwords are given). A missing file is PGB1019 before anything is sent.</summary>
    public async Task<PgbKeyReference> AddKeyAsync(PgbKeyOptions key, CancellationToken cancellationToken = default)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        try
        {
            return await Call(Strings.CallAddingKey.F(key.Platform), () => _client.CreateKeyAsync(key, cancellationToken), null).ConfigureAwait(false);
        }
        catch (FileNotFoundException ex)
        {
            throw new PgbPipelineException(PgbErrorCodes.FileNotFound, Strings.FileToUploadMissing.F(ex.FileName ?? string.Empty), ex);
        }
    }

    public Task<PgbKeyReference> UnlockKeyAsync(string platform, int keyId, PgbKeyUnlockOptions unlock, CancellationToken cancellationToken = default) =>
        Call(Strings.CallUnlockingKey.F(new PgbSigningKey { Platform = platform, KeyId = keyId }), () => _client.UnlockKeyAsync(platform, keyId, unlock, cancellationToken), null);

    public Task<PgbKeyReference> LockKeyAsync(string platform, int keyId, CancellationToken cancellationToken = default) =>
        Call(Strings.CallLockingKey.F(platform, keyId), () => _client.LockKeyAsync(platform, keyId, cancellationToken), null);

    public Task<PgbKeyReference> UpdateKeyAsync(string platform, int keyId, PgbKeyUpdateOptions update, CancellationToken cancellationToken = default) =>
        Call(Strings.CallUpdatingKey.F(platform, keyId), () => _client.UpdateKeyAsync(platform, keyId, update, cancellationToken), null);

    /// <summary>Deletes a key; returns the service's text.</summary>
    public Task<string?> DeleteKeyAsync(string platform, int keyId, CancellationToken cancellationToken = default) =>
        Call(Strings.CallDeletingKey.F(platform, keyId), () => _client.DeleteKeyAsync(platform, keyId, cancellationToken), null);
}
