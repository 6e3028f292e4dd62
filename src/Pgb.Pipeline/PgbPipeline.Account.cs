namespace Pgb.Pipeline;

/// <summary>Who the token belongs to, and how a token is obtained and stored (<c>pgb login</c>).</summary>
public sealed partial class PgbPipeline
{
    /// <summary><c>GET /api/v1/me</c>.</summary>
    public Task<PgbUser> GetMeAsync(CancellationToken cancellationToken = default) =>
        Call(Strings.CallReadingMe, () => _client.GetMeAsync(cancellationToken), null);

    /// <summary>
    /// <c>POST /token</c> with the user name (or e-mail) and password as basic authentication, then stores the token
    /// for <paramref name="serverUrl"/> in <paramref name="store"/>. The password is neither stored nor printed; a
    /// refused one is PGB2401 naming the user.
    /// </summary>
    public static async Task<PgbStoredLogin> LoginAsync(Uri serverUrl, string userName, string password, PgbCredentialStore store, PgbClientOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        if (serverUrl is null || store is null)
        {
            throw new ArgumentNullException(serverUrl is null ? nameof(serverUrl) : nameof(store));
        }

        if (string.IsNullOrWhiteSpace(userName))
        {
            throw new PgbPipelineException(PgbErrorCodes.NotLoggedIn, Strings.UserNameMissing);
        }

        if (string.IsNullOrEmpty(password))
        {
            throw new PgbPipelineException(PgbErrorCodes.NotLoggedIn, Strings.PasswordMissing);
        }

        using var client = new PgbClient(serverUrl, PgbCredential.FromBasic(userName.Trim(), password), options);
        string token;
        try
        {
            token = await client.RequestTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PgbRequestFailedException ex) when (ex.Status == 401)
        {
            throw new PgbPipelineException(PgbErrorCodes.Unauthorized, Strings.LoginRefused.F(userName.Trim(), PgbRedaction.Redact(client.ServerUrl), ex.ErrorMessage ?? "401"), ex);
        }
        catch (PgbRequestFailedException ex)
        {
            throw new PgbPipeline(client, tokenVariable: null).Translate(Strings.CallLoggingIn.F(userName.Trim()), ex, null);
        }

        store.Save(client.ServerUrl, userName.Trim(), token);
        return store.Find(client.ServerUrl)!;
    }
}
