using System.Text.Json.Nodes;
using Pgb.Server.Errors;
using Pgb.Server.Hosting;
using Pgb.Server.Http;
using Pgb.Server.Model;

namespace Pgb.Server.Handlers;

/// <summary>Queueing builds, watching them, and downloading what they produced.</summary>
internal sealed class BuildHandlers(ServerState state)
{
    /// <summary>POST /api/v1/apps/:id/build, optional <c>data={"platforms":[...]}</c> (or <c>"android,ios"</c>).
    /// Only the named platforms are discarded and requeued; the others keep their state. 202 with the app.</summary>
    public async Task Build(HttpContext context)
    {
        var app = HandlerContext.OwnedApp(context, state, HandlerContext.RouteId(context));
        var data = await RequestData.ReadAsync(context);
        var platforms = data.GetList("platforms") is { Count: > 0 } asked ? HandlerContext.Platforms(asked) : Platforms.All;
        await QueueAsync(context, app, platforms);
    }

    /// <summary>POST /api/v1/apps/:id/build/:platform.</summary>
    public Task BuildPlatform(HttpContext context)
    {
        var app = HandlerContext.OwnedApp(context, state, HandlerContext.RouteId(context));
        var platforms = HandlerContext.Platforms([HandlerContext.RouteString(context, "platform")]);
        return QueueAsync(context, app, platforms);
    }

    /// <summary>GET /api/v1/apps/:id/status (see <see cref="AppJson.Status"/> for the shape).</summary>
    public Task Status(HttpContext context)
    {
        var app = HandlerContext.OwnedApp(context, state, HandlerContext.RouteId(context));
        JsonObject json;
        lock (app.Gate)
        {
            json = AppJson.Status(app, state.Now);
        }

        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, json);
    }

    /// <summary>GET /api/v1/apps/:id/logs/:platform/build (official CLI extension): <c>{"log":"..."}</c>.</summary>
    public Task Log(HttpContext context)
    {
        var app = HandlerContext.OwnedApp(context, state, HandlerContext.RouteId(context));
        var platform = HandlerContext.Platforms([HandlerContext.RouteString(context, "platform")])[0];
        string log;
        lock (app.Gate)
        {
            log = app.Builds.TryGetValue(platform, out var build)
                ? build.Log(state.Now)
                : throw ServerErrors.NoBuildLog(app.Id, platform);
        }

        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["log"] = log });
    }

    /// <summary>GET /api/v1/apps/:id/:platform: 302 to the package in storage, with the URL both in Location and in
    /// <c>{"location":...}</c> (clients that do not follow redirects read the body); 404 until the build is complete.</summary>
    public Task Download(HttpContext context)
    {
        var app = HandlerContext.OwnedApp(context, state, HandlerContext.RouteId(context));
        var requested = HandlerContext.RouteString(context, "platform");
        Platforms.TryNormalize(requested, out var platform);
        PlatformBuild? build;
        lock (app.Gate)
        {
            build = app.Builds.GetValueOrDefault(platform);
        }

        if (build is null || build.State(state.Now) != BuildStates.Complete)
        {
            throw ServerErrors.PackageUnavailable(app.Id, build is null && platform.Length == 0 ? requested : platform);
        }

        state.Blobs.GetOrAdd(build.StorageKey, () => build.Artifact);
        return JsonResponses.RedirectAsync(context, HandlerContext.StorageUrl(context, build.StorageKey));
    }

    /// <summary>GET /api/v1/apps/:id/icon: 302 like downloads, or 404 "No icon available for app #N".</summary>
    public Task Icon(HttpContext context) =>
        JsonResponses.RedirectAsync(context, HandlerContext.StorageUrl(context, IconOf(context).StorageKey));

    /// <summary>The route's app's icon, shared by v1 and v0 (which answer it differently); 404 "No icon available for app #N".</summary>
    public AppIcon IconOf(HttpContext context)
    {
        var app = HandlerContext.OwnedApp(context, state, HandlerContext.RouteId(context));
        lock (app.Gate)
        {
            return app.Icon ?? throw ServerErrors.NoIcon(app.Id);
        }
    }

    /// <summary>POST /api/v1/apps/:id/icon with a png as <c>icon</c> (v0 called it <c>file</c>): 201, and the app is
    /// queued for building, as the Write API says.</summary>
    public async Task SetIcon(HttpContext context)
    {
        var (app, now) = await SetIconAsync(context);
        JsonObject json;
        lock (app.Gate)
        {
            json = AppJson.Detail(app, now, state.Keys);
        }

        await JsonResponses.WriteAsync(context, StatusCodes.Status201Created, json);
    }

    /// <summary>The icon logic shared by v1 and v0 (which differ only in the JSON they answer).</summary>
    public async Task<(AppRecord App, DateTimeOffset Now)> SetIconAsync(HttpContext context)
    {
        var app = HandlerContext.OwnedApp(context, state, HandlerContext.RouteId(context));
        var data = await RequestData.ReadAsync(context);
        var file = data.File("icon", "file") ?? throw ServerErrors.IconMissing();
        var bytes = await AppWriter.ReadAllAsync(file, context.RequestAborted);
        var now = state.Now;
        lock (app.Gate)
        {
            AppWriter.SetIcon(app, state, string.IsNullOrEmpty(file.FileName) ? "icon.png" : file.FileName, bytes);
            app.QueueBuilds(Platforms.All, state.Simulation, now, state.Blobs.Remove, state.KeyFailure(app));
            state.Apps.Save(app);
        }

        return (app, now);
    }

    private Task QueueAsync(HttpContext context, AppRecord app, IReadOnlyList<string> platforms)
    {
        JsonObject json;
        lock (app.Gate)
        {
            var now = state.Now;
            app.QueueBuilds(platforms, state.Simulation, now, state.Blobs.Remove, state.KeyFailure(app));
            state.Apps.Save(app);
            json = AppJson.Detail(app, now, state.Keys);
        }

        return JsonResponses.WriteAsync(context, StatusCodes.Status202Accepted, json);
    }
}
