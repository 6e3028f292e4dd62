using static Pgb.Server.Handlers.HandlerContext;

namespace Pgb.Server.Handlers;

/// <summary>/api/v1/apps/:id/collaborators and .../collaborators/:id: list, add, read, change the role, remove (the rules:
/// <see cref="AppService"/> and <see cref="AppAccess"/>).</summary>
internal sealed class CollaboratorHandlers(AppService apps)
{
    public Task List(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK, AppJson.Collaborators(apps.Collaborators(Caller(context), RouteId(context))));

    public Task Get(HttpContext context)
    {
        var (collaborator, app) = apps.Collaborator(Caller(context), RouteId(context), CollaboratorId(context));
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, AppJson.Collaborator(collaborator, app));
    }

    /// <summary>POST with <c>data={"email":...,"role":...}</c>: the app, 201 when the e-mail is an account's, 202 when the
    /// invitation is pending.</summary>
    public async Task Add(HttpContext context)
    {
        var (app, active) = await apps.AddCollaboratorAsync(Caller(context), RouteId(context), () => ReadAsync(context));
        await JsonResponses.WriteAsync(context, active ? StatusCodes.Status201Created : StatusCodes.Status202Accepted, AppJson.Detail(app));
    }

    /// <summary>PUT with <c>data={"role":...}</c>: 200 with the collaborator and the app.</summary>
    public async Task Change(HttpContext context)
    {
        var (collaborator, app) = await apps.ChangeCollaboratorAsync(Caller(context), RouteId(context), CollaboratorId(context), () => ReadAsync(context));
        await JsonResponses.WriteAsync(context, StatusCodes.Status200OK, AppJson.Collaborator(collaborator, app));
    }

    /// <summary>DELETE: 202 (as the API's other deletes) <c>{"success":"EMAIL removed from app N"}</c>, the Write API's text.</summary>
    public Task Remove(HttpContext context)
    {
        var id = RouteId(context);
        var email = apps.RemoveCollaborator(Caller(context), id, CollaboratorId(context));
        return JsonResponses.WriteAsync(context, StatusCodes.Status202Accepted, new JsonObject { ["success"] = $"{email} removed from app {id}" });
    }

    private static string CollaboratorId(HttpContext context) => RouteString(context, "collaboratorId");

    private static async Task<CollaboratorRequest> ReadAsync(HttpContext context)
    {
        var data = await RequestData.ReadAsync(context);
        return new CollaboratorRequest(data.GetString("email") ?? data.GetString("person"), data.GetString("role"));
    }
}
