using static Pgb.Server.Handlers.HandlerContext;

namespace Pgb.Server.Handlers;

/// <summary>Queueing builds, watching them, and downloading what they produced.</summary>
internal sealed class BuildHandlers(AppService apps)
{
    /// <summary>POST /api/v1/apps/:id/build, optional <c>data={"platforms":[...]}</c> (or <c>"android,ios"</c>): 202
    /// with the app.</summary>
    public async Task Build(HttpContext context)
    {
        var view = await apps.BuildAsync(Caller(context), RouteId(context), () => AppRequestReader.PlatformsAsync(context));
        await JsonResponses.WriteAsync(context, StatusCodes.Status202Accepted, AppJson.Detail(view));
    }

    /// <summary>POST /api/v1/apps/:id/build/:platform.</summary>
    public async Task BuildPlatform(HttpContext context)
    {
        IReadOnlyList<string> platforms = [RouteString(context, "platform")];
        var view = await apps.BuildAsync(Caller(context), RouteId(context), () => Task.FromResult<IReadOnlyList<string>?>(platforms));
        await JsonResponses.WriteAsync(context, StatusCodes.Status202Accepted, AppJson.Detail(view));
    }

    /// <summary>GET /api/v1/apps/:id/status (see <see cref="AppJson.Status"/> for the shape).</summary>
    public Task Status(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK, AppJson.Status(apps.Get(Caller(context), RouteId(context))));

    /// <summary>GET /api/v1/apps/:id/logs/:platform/build (official CLI extension): <c>{"log":"..."}</c>.</summary>
    public Task Log(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            new JsonObject { ["log"] = apps.BuildLog(Caller(context), RouteId(context), RouteString(context, "platform")) });

    /// <summary>GET /api/v1/apps/:id/:platform and /api/v0/apps/:id/:platform: 302 to the package in storage, with the URL
    /// both in Location and in <c>{"location":...}</c> (clients that do not follow redirects read the body); a 404 until
    /// the build is complete, worded as each API version did.</summary>
    public Task Download(HttpContext context, ApiVersion version)
    {
        var package = apps.FindPackage(Caller(context), RouteId(context), RouteString(context, "platform"));
        if (package.StorageKey is { } key)
        {
            return JsonResponses.RedirectAsync(context, StorageUrl(context, key));
        }

        throw version == ApiVersion.V0
            ? ServerErrors.V0PackageUnavailable(package.AppId, package.Requested, package.State)
            : ServerErrors.PackageUnavailable(package.AppId, package.Platform.Length == 0 ? package.Requested : package.Platform);
    }

    /// <summary>GET /api/v1/apps/:id/icon: 302 like downloads, or 404 "No icon available for app #N".</summary>
    public Task Icon(HttpContext context) =>
        JsonResponses.RedirectAsync(context, StorageUrl(context, apps.Icon(Caller(context), RouteId(context)).StorageKey));

    /// <summary>POST /api/v1/apps/:id/icon with a png as <c>icon</c>: 201 with the app, queued for building.</summary>
    public async Task SetIcon(HttpContext context)
    {
        var view = await apps.SetIconAsync(Caller(context), RouteId(context), maxBytes => AppRequestReader.IconAsync(context, maxBytes));
        await JsonResponses.WriteAsync(context, StatusCodes.Status201Created, AppJson.Detail(view));
    }
}
