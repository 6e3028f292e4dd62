namespace Pgb.Client;

public sealed partial class PgbClient
{
    /// <summary>
    /// <c>PUT /api/v1/keys/:platform/:id</c> with a new title or <c>default</c> (no passwords: <see cref="UnlockKeyAsync"/>
    /// unlocks). Returns the key as answered.
    /// </summary>
    public Task<PgbKeyReference> UpdateKeyAsync(string platform, int keyId, PgbKeyUpdateOptions update, CancellationToken cancellationToken = default)
    {
        RequireSegment(platform, nameof(platform));
        if (update is null)
        {
            throw new ArgumentNullException(nameof(update));
        }

        return SendDataAsync<PgbKeyReference>(HttpMethod.Put, Api($"keys/{Uri.EscapeDataString(platform)}/{keyId}"), Data(update), cancellationToken);
    }
}
