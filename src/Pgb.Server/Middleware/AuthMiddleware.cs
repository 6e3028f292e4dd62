using System.Net.Http.Headers;
using System.Text;

namespace Pgb.Server.Middleware;

/// <summary>Authenticates <c>/api/...</c> and <c>/token</c>, before any handler and before the body is read. Accepted, as
/// clients sent them: <c>?auth_token=</c> (the API documentation's examples), <c>Authorization: token X</c> (pgb-cli;
/// <c>Bearer X</c> too), HTTP Basic with the user name or the e-mail, and a form field <c>auth_token</c> - looked for only
/// in a body of at most <see cref="ServerLimits.MaxFormTokenBodyBytes"/> when nothing else identifies the caller, so an
/// anonymous request is answered 401 without its body being read. Any valid credential wins; otherwise 401
/// <c>{"error":...}</c>. A JSONP request (<c>callback</c>) must carry a token the calling page had to know: Basic
/// credentials, which a browser resends to any page's &lt;script&gt;, are not looked at, the well-known development token
/// is refused, and no 401 asks the browser for credentials (docs/server.md, "Security"). <c>/storage/</c> is
/// deliberately public, like the S3 links the service handed out.</summary>
internal sealed class AuthMiddleware(RequestDelegate next, ServerState state)
{
    /// <summary>The challenge of every 401 but JSONP's.</summary>
    public const string Challenge = "Basic realm=\"PhoneGap Build\"";

    private const string ItemKey = "pgb.account";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!RequiresAuth(context.Request.Path))
        {
            await next(context);
            return;
        }

        var jsonp = JsonpMiddleware.IsJsonp(context);
        var (account, failure, bodyRead) = await AuthenticateAsync(context, jsonp);
        if (account is not null && jsonp && account.Account.Token == PgbAccount.Development.Token)
        {
            failure = ServerErrors.JsonpWithPublicToken();
        }

        if (failure is not null)
        {
            if (!jsonp)
            {
                context.Response.Headers.WWWAuthenticate = Challenge;
            }

            if (!bodyRead && !(context.Request.ContentLength <= state.Limits.MaxBodyBytes) && HasBody(context.Request))
            {
                // Kestrel would read and discard the rest of the body to keep the connection: fine for a small one (the
                // client, still sending, then sees this answer), not for an anonymous client's 2 GB. Closing after the
                // answer ends the upload; a client that reads nothing before it has sent everything sees a reset.
                context.Response.Headers.Connection = "close";
            }

            await JsonResponses.WriteErrorAsync(context, failure);
            return;
        }

        context.Items[ItemKey] = account;
        await next(context);
    }

    /// <summary>The authenticated account; only valid behind this middleware.</summary>
    public static StoredAccount Account(HttpContext context) =>
        context.Items[ItemKey] as StoredAccount ?? throw new InvalidOperationException("request is not authenticated");

    private static bool RequiresAuth(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/token", StringComparison.OrdinalIgnoreCase);

    private static bool HasBody(HttpRequest request) => request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private async Task<(StoredAccount? Account, ApiException? Failure, bool BodyRead)> AuthenticateAsync(HttpContext context, bool jsonp)
    {
        ApiException? failure = null;
        var request = context.Request;

        var queryToken = request.Query["auth_token"].ToString();
        if (queryToken.Length > 0)
        {
            if (state.Accounts.FindByToken(queryToken) is { } account)
            {
                return (account, null, false);
            }

            failure = ServerErrors.InvalidToken();
        }

        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header))
        {
            var scheme = header.Scheme.ToLowerInvariant();
            if (scheme is "token" or "bearer")
            {
                if (state.Accounts.FindByToken(header.Parameter?.Trim() ?? string.Empty) is { } account)
                {
                    return (account, null, false);
                }

                failure ??= ServerErrors.InvalidToken();
            }
            else if (scheme == "basic" && !jsonp)
            {
                if (ParseBasic(header.Parameter) is var (login, password) && state.Accounts.FindByLogin(login, password) is { } account)
                {
                    return (account, null, false);
                }

                failure ??= ServerErrors.InvalidLogin();
            }
        }

        // Only now touch the body, and only a small one: a larger body of a request that has not identified itself is
        // never read.
        if (request.HasFormContentType && request.ContentLength is > 0)
        {
            if (request.ContentLength > state.Limits.MaxFormTokenBodyBytes)
            {
                return (null, failure ?? ServerErrors.SignInRequiredBodyTooLarge(state.Limits.MaxFormTokenBodyBytes), false);
            }

            var form = await request.ReadFormAsync(context.RequestAborted);
            var formToken = form["auth_token"].ToString();
            if (formToken.Length > 0)
            {
                if (state.Accounts.FindByToken(formToken) is { } account)
                {
                    return (account, null, true);
                }

                failure ??= ServerErrors.InvalidToken();
            }

            return (null, failure ?? SignInRequired(jsonp), true);
        }

        return (null, failure ?? SignInRequired(jsonp), false);
    }

    private static ApiException SignInRequired(bool jsonp) => jsonp ? ServerErrors.JsonpNeedsToken() : ServerErrors.SignInRequired();

    private static (string Login, string Password)? ParseBasic(string? parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? string.Empty));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
