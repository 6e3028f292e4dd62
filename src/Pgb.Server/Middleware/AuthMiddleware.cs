using System.Net.Http.Headers;
using System.Text;
using Pgb.Server.Errors;
using Pgb.Server.Hosting;
using Pgb.Server.Http;
using Pgb.Server.Stores;

namespace Pgb.Server.Middleware;

/// <summary>Authenticates <c>/api/...</c> and <c>/token</c>. Accepted, as clients sent them: <c>?auth_token=</c>
/// (the API documentation's examples), <c>Authorization: token X</c> (pgb-cli; <c>Bearer X</c> too), a form field <c>auth_token</c>, and HTTP
/// Basic with the user name or the e-mail. Any valid credential wins; otherwise 401 <c>{"error":...}</c>.
/// <c>/storage/</c> is deliberately public, like the S3 links the service handed out.</summary>
internal sealed class AuthMiddleware(RequestDelegate next, ServerState state)
{
    private const string ItemKey = "pgb.account";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!RequiresAuth(context.Request.Path))
        {
            await next(context);
            return;
        }

        var (account, failure) = await AuthenticateAsync(context);
        if (failure is not null)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"PhoneGap Build\"";
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

    private async Task<(StoredAccount? Account, ApiException? Failure)> AuthenticateAsync(HttpContext context)
    {
        ApiException? failure = null;
        var request = context.Request;

        var queryToken = request.Query["auth_token"].ToString();
        if (queryToken.Length > 0)
        {
            if (state.Accounts.FindByToken(queryToken) is { } account)
            {
                return (account, null);
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
                    return (account, null);
                }

                failure ??= ServerErrors.InvalidToken();
            }
            else if (scheme == "basic")
            {
                if (ParseBasic(header.Parameter) is var (login, password) && state.Accounts.FindByLogin(login, password) is { } account)
                {
                    return (account, null);
                }

                failure ??= ServerErrors.InvalidLogin();
            }
        }

        // Only now touch the body: reading a form buffers it, which is wasted on requests that already failed over.
        if (request.HasFormContentType && request.ContentLength is > 0)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            var formToken = form["auth_token"].ToString();
            if (formToken.Length > 0)
            {
                if (state.Accounts.FindByToken(formToken) is { } account)
                {
                    return (account, null);
                }

                failure ??= ServerErrors.InvalidToken();
            }
        }

        return (null, failure ?? ServerErrors.SignInRequired());
    }

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
