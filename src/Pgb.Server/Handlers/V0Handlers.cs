using static Pgb.Server.Handlers.HandlerContext;

namespace Pgb.Server.Handlers;

/// <summary>API v0, "kept online for existing clients": the same apps and the same <see cref="AppService"/> as v1, seen
/// through v0's flat shape (<see cref="V0Json"/>). Downloads share v1's handler.</summary>
internal sealed class V0Handlers(AppService apps, IBlobStore storage)
{
    public Task Me(HttpContext context) => JsonResponses.WriteAsync(context, StatusCodes.Status200OK, V0Json.Me(Caller(context)));

    public Task List(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonArray([.. apps.List(Caller(context)).Select(view => (JsonNode)V0Json.App(view))]));

    public Task Get(HttpContext context) => Answer(context, apps.Get(Caller(context), RouteId(context)));

    public async Task Create(HttpContext context)
    {
        var request = await AppRequestReader.NewAppAsync(context);
        await Answer(context, apps.Create(Caller(context), request));
    }

    public async Task Update(HttpContext context) =>
        await Answer(context, await apps.UpdateAsync(Caller(context), RouteId(context), () => AppRequestReader.UpdateAsync(context)));

    /// <summary>POST /api/v0/apps/:id/push: the GitHub post-receive hook, a pull. "The post data is ignored - I'm including
    /// some dummy data so curl agrees to set a Content-Length": the body is not read.</summary>
    public async Task Push(HttpContext context) =>
        await Answer(context, await apps.UpdateAsync(Caller(context), RouteId(context), () => Task.FromResult(AppUpdate.PullOnly)));

    /// <summary>GET /api/v0/apps/:id/icon: the png itself. The v0 documentation saves this answer straight to a file (no
    /// -L), while its downloads say "ensure your API client follows redirects": v0 icons were not redirects.</summary>
    public Task Icon(HttpContext context) => StorageHandlers.WriteBlobAsync(context, storage, apps.Icon(Caller(context), RouteId(context)).StorageKey);

    /// <summary>POST /api/v0/apps/:id/icon with the png as <c>file</c>: the app, v0-shaped.</summary>
    public async Task SetIcon(HttpContext context) =>
        await Answer(context, await apps.SetIconAsync(Caller(context), RouteId(context), maxBytes => AppRequestReader.IconAsync(context, maxBytes)));

    public Task Delete(HttpContext context)
    {
        var id = RouteId(context);
        apps.Delete(Caller(context), id);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["success"] = $"app #{id} destroyed" });
    }

    private static Task Answer(HttpContext context, AppView view) => JsonResponses.WriteAsync(context, StatusCodes.Status200OK, V0Json.App(view));
}
