namespace Pgb.Client;

/// <summary>The signing-key write calls (the listings and the single key are read in PgbClient.cs).</summary>
public sealed partial class PgbClient
{
    /// <summary>
    /// <c>POST /api/v1/keys/:platform</c>: uploads a signing key. The title and passwords go in a <c>data</c>
    /// part without a Content-Type; the files are streamed from disk as their own parts. Not retried on a 5xx
    /// (it is a POST: the key might have been created). A key sent without its passwords comes back locked.
    /// </summary>
    public Task<PgbKeyReference> CreateKeyAsync(PgbKeyOptions key, CancellationToken cancellationToken = default)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        var files = key.FilesToSend(nameof(key));

        // Before anything is sent: an error answer that echoes the data must already be scrubbed.
        RegisterPasswords(key.Passwords);
        var data = key.Data().ToString(Formatting.None);
        return SendAsync<PgbKeyReference>(HttpMethod.Post, KeysUri(key.Platform), read => Multipart(data, files, read), cancellationToken, upload: true);
    }

    /// <summary>
    /// <c>PUT /api/v1/keys/:platform/:id</c> with the passwords in <c>data</c>: unlocks a key so builds can
    /// use it. The service does not check the passwords here; a wrong one fails the next build.
    /// </summary>
    public Task<PgbKeyReference> UnlockKeyAsync(string platform, int keyId, PgbKeyUnlockOptions unlock, CancellationToken cancellationToken = default)
    {
        RequireSegment(platform, nameof(platform));
        if (unlock is null)
        {
            throw new ArgumentNullException(nameof(unlock));
        }

        unlock.Validate(platform, nameof(unlock));
        RegisterPasswords(unlock.Passwords);
        var data = unlock.Data();
        return SendAsync<PgbKeyReference>(HttpMethod.Put, KeysUri(platform, keyId), _ => FormData(data), cancellationToken);
    }

    /// <summary>
    /// <c>PUT /api/v1/keys/:platform/:id</c> with <c>data={"lock":true}</c>: locks a key again, so the service
    /// forgets its passwords (an extension the official CLI used; not in the v1 docs).
    /// </summary>
    public Task<PgbKeyReference> LockKeyAsync(string platform, int keyId, CancellationToken cancellationToken = default)
    {
        RequireSegment(platform, nameof(platform));
        return SendAsync<PgbKeyReference>(HttpMethod.Put, KeysUri(platform, keyId), _ => FormData("{\"lock\":true}"), cancellationToken);
    }

    /// <summary><c>DELETE /api/v1/keys/:platform/:id</c> (202; 404 when there is no such key); returns the service's text (<c>"android key 8 deleted"</c>).</summary>
    public Task<string?> DeleteKeyAsync(string platform, int keyId, CancellationToken cancellationToken = default)
    {
        RequireSegment(platform, nameof(platform));
        return DeleteAsync(KeysUri(platform, keyId), cancellationToken);
    }

    private Uri KeysUri(string platform) => Api("keys/" + Uri.EscapeDataString(platform));

    private Uri KeysUri(string platform, int keyId) => Api($"keys/{Uri.EscapeDataString(platform)}/{keyId}");

    private void RegisterPasswords(IEnumerable<string?> passwords)
    {
        foreach (var password in passwords)
        {
            _secrets.AddPassword(password);
        }
    }
}
