using static Pgb.Server.Handlers.HandlerContext;

namespace Pgb.Server.Handlers;

/// <summary>/api/v1/apps and /api/v1/apps/:id: list, create, read, update, delete (the rules: <see cref="AppService"/>).</summary>
internal sealed class AppHandlers(AppService apps)
{
    public Task List(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["apps"] = new JsonArray([.. apps.List(Caller(context)).Select(view => (JsonNode)AppJson.Summary(view))]),
            ["link"] = "/api/v1/apps",
        });

    public Task Get(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK, AppJson.Detail(apps.Get(Caller(context), RouteId(context))));

    public async Task Create(HttpContext context)
    {
        var request = await AppRequestReader.NewAppAsync(context);
        await JsonResponses.WriteAsync(context, StatusCodes.Status201Created, AppJson.Written(apps.Create(Caller(context), request)));
    }

    public async Task Update(HttpContext context)
    {
        var view = await apps.UpdateAsync(Caller(context), RouteId(context), () => AppRequestReader.UpdateAsync(context));
        await JsonResponses.WriteAsync(context, StatusCodes.Status200OK, AppJson.Written(view));
    }

    public Task Delete(HttpContext context)
    {
        var id = RouteId(context);
        apps.Delete(Caller(context), id);
        return JsonResponses.WriteAsync(context, StatusCodes.Status202Accepted, new JsonObject { ["success"] = $"app {id} deleted" });
    }
}
