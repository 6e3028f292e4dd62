using System.Text.Json.Nodes;
using Pgb.Server.Errors;
using Pgb.Server.Hosting;
using Pgb.Server.Http;
using Pgb.Server.Model;

namespace Pgb.Server.Handlers;

/// <summary>GET /api/v1/apps/:id/collaborators and .../collaborators/:id: read-only, so that the <c>link</c>s the app
/// answers hand out lead somewhere (HATEOAS); without them the listing fell through to the download route.</summary>
internal sealed class CollaboratorHandlers(ServerState state)
{
    public Task List(HttpContext context)
    {
        var app = HandlerContext.OwnedApp(context, state, HandlerContext.RouteId(context));
        JsonObject json;
        lock (app.Gate)
        {
            json = AppJson.Collaborators(app);
        }

        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, json);
    }

    public Task Get(HttpContext context)
    {
        var app = HandlerContext.OwnedApp(context, state, HandlerContext.RouteId(context));
        var requested = HandlerContext.RouteString(context, "collaboratorId");
        if (requested != app.OwnerId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw ServerErrors.CollaboratorNotAvailable(requested, app.Id);
        }

        JsonObject json;
        lock (app.Gate)
        {
            json = AppJson.Collaborator(app, state.Now);
        }

        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, json);
    }
}
