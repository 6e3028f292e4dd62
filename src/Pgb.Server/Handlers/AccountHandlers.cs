using System.Text.Json.Nodes;
using Pgb.Server.Hosting;
using Pgb.Server.Http;
using Pgb.Server.Model;
using Pgb.Server.Middleware;

namespace Pgb.Server.Handlers;

/// <summary><c>/token</c> and <c>/api/v1</c> = <c>/api/v1/me</c> (keys: see KeyHandlers).</summary>
internal sealed class AccountHandlers(ServerState state)
{
    /// <summary>POST /token and /api/v1/token (pgb-cli): the account's token, for whoever proved who they are.</summary>
    public Task Token(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["token"] = AuthMiddleware.Account(context).Account.Token });

    public Task Me(HttpContext context)
    {
        var account = AuthMiddleware.Account(context);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, AppJson.Me(account, state.Apps.ListOwnedBy(account.Id), state.Keys));
    }
}
