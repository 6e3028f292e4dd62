using System.Text.Json.Nodes;
using Pgb.Server.Hosting;
using Pgb.Server.Http;
using Pgb.Server.Model;
using Pgb.Server.Pipeline;

namespace Pgb.Server.Handlers;

/// <summary><c>/token</c>, <c>/api/v1</c> = <c>/api/v1/me</c>, and the key listings.</summary>
internal sealed class AccountHandlers(ServerState state)
{
    /// <summary>POST /token and /api/v1/token (pgb-cli): the account's token, for whoever proved who they are.</summary>
    public Task Token(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["token"] = AuthMiddleware.Account(context).Account.Token });

    public Task Me(HttpContext context)
    {
        var account = AuthMiddleware.Account(context);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, AppJson.Me(account, state.Apps.ListOwnedBy(account.Id)));
    }

    public Task Keys(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["keys"] = AppJson.KeyGroups(), ["link"] = "/api/v1/keys" });

    public Task KeysOfPlatform(HttpContext context)
    {
        var group = KeyGroup(context);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["keys"] = new JsonArray(), ["link"] = $"/api/v1/keys/{group}" });
    }

    public Task Key(HttpContext context)
    {
        var group = KeyGroup(context);
        throw ApiException.NotFound($"could not find {group} key #{HandlerContext.RouteString(context, "keyId")}");
    }

    private static string KeyGroup(HttpContext context)
    {
        var name = HandlerContext.RouteString(context, "platform").ToLowerInvariant();
        return Platforms.KeyGroups.Contains(name) || Platforms.All.Contains(name)
            ? name
            : throw ApiException.NotFound($"unknown key platform '{name}' (known: {string.Join(", ", Platforms.KeyGroups)})");
    }
}
