using static Pgb.Server.Handlers.HandlerContext;

namespace Pgb.Server.Handlers;

/// <summary><c>/token</c> and <c>/api/v1</c> = <c>/api/v1/me</c> (keys: see KeyHandlers).</summary>
internal sealed class AccountHandlers(AppService apps, KeyService keys)
{
    /// <summary>POST /token and /api/v1/token (pgb-cli): the account's token, for whoever proved who they are.</summary>
    public Task Token(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["token"] = Caller(context).Account.Token });

    public Task Me(HttpContext context)
    {
        var caller = Caller(context);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, AppJson.Me(caller, apps.List(caller), keys.List(caller)));
    }
}
