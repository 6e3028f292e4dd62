using Pgb.Server.Apps;
using Pgb.Server.Http;
using Pgb.Server.Model;
using static Pgb.Server.Handlers.HandlerContext;

namespace Pgb.Server.Handlers;

/// <summary>GET /api/v1/apps/:id/collaborators and .../collaborators/:id: read-only, so that the <c>link</c>s the app
/// answers hand out lead somewhere (HATEOAS) instead of into the download route, <c>/apps/:id/:platform</c>.</summary>
internal sealed class CollaboratorHandlers(AppService apps)
{
    public Task List(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK, AppJson.Collaborators(apps.Get(Caller(context), RouteId(context))));

    public Task Get(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            AppJson.Collaborator(apps.Collaborator(Caller(context), RouteId(context), RouteString(context, "collaboratorId"))));
}
