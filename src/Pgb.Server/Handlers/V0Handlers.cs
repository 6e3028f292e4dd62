using System.Globalization;
using System.Text.Json.Nodes;
using Pgb.Server.Errors;
using Pgb.Server.Hosting;
using Pgb.Server.Http;
using Pgb.Server.Model;
using Pgb.Server.Middleware;

namespace Pgb.Server.Handlers;

/// <summary>API v0, "kept online for existing clients": the same apps seen through v0's flat shape
/// (<c>android_status</c>, <c>repo_url</c>, <c>desc</c>, <c>person_id</c>, ...). Logic is shared with v1; only the
/// answers differ.</summary>
internal sealed class V0Handlers(ServerState state, AppHandlers apps, BuildHandlers builds)
{
    public Task Me(HttpContext context)
    {
        var account = AuthMiddleware.Account(context);
        var stamp = Stamp(account.CreatedAt);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["created_at"] = stamp,
            ["updated_at"] = stamp,
            ["username"] = account.Account.UserName,
            ["email"] = account.Account.Email,
        });
    }

    public Task List(HttpContext context)
    {
        var now = state.Now;
        var list = new JsonArray();
        foreach (var app in state.Apps.ListOwnedBy(AuthMiddleware.Account(context).Id))
        {
            lock (app.Gate)
            {
                list.Add(Shape(app, now));
            }
        }

        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, list);
    }

    public Task Get(HttpContext context) => Answer(context, HandlerContext.OwnedApp(context, state, HandlerContext.RouteId(context)), state.Now, StatusCodes.Status200OK);

    public async Task Create(HttpContext context)
    {
        var (app, now) = await apps.CreateAppAsync(context);
        await Answer(context, app, now, StatusCodes.Status200OK);
    }

    public async Task Update(HttpContext context)
    {
        var (app, now) = await apps.UpdateAppAsync(context, forcePull: false);
        await Answer(context, app, now, StatusCodes.Status200OK);
    }

    /// <summary>POST /api/v0/apps/:id/push: the GitHub post-receive hook; the post data is ignored.</summary>
    public async Task Push(HttpContext context)
    {
        var (app, now) = await apps.UpdateAppAsync(context, forcePull: true);
        await Answer(context, app, now, StatusCodes.Status200OK);
    }

    /// <summary>GET /api/v0/apps/:id/icon: the png itself. The v0 seed saves this answer straight to a file (no -L),
    /// while its downloads say "ensure your API client follows redirects": v0 icons were not redirects.</summary>
    public Task Icon(HttpContext context) => StorageHandlers.WriteBlobAsync(context, state, builds.IconOf(context).StorageKey);

    /// <summary>POST /api/v0/apps/:id/icon with the png as <c>file</c>: the app, v0-shaped.</summary>
    public async Task SetIcon(HttpContext context)
    {
        var (app, now) = await builds.SetIconAsync(context);
        await Answer(context, app, now, StatusCodes.Status200OK);
    }

    public Task Delete(HttpContext context)
    {
        var app = apps.DeleteApp(context);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["success"] = $"app #{app.Id} destroyed" });
    }

    /// <summary>GET /api/v0/apps/:id/:platform: a redirect to the package, or 404 "App #N for PLATFORM STATE".</summary>
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

        var buildState = build?.State(state.Now);
        if (build is null || buildState != BuildStates.Complete)
        {
            throw ServerErrors.V0PackageUnavailable(app.Id, requested, buildState);
        }

        state.Blobs.GetOrAdd(build.StorageKey, () => build.Artifact);
        return JsonResponses.RedirectAsync(context, HandlerContext.StorageUrl(context, build.StorageKey));
    }

    private static Task Answer(HttpContext context, AppRecord app, DateTimeOffset now, int status)
    {
        JsonObject json;
        lock (app.Gate)
        {
            json = Shape(app, now);
        }

        return JsonResponses.WriteAsync(context, status, json);
    }

    private static JsonObject Shape(AppRecord app, DateTimeOffset now)
    {
        var json = new JsonObject
        {
            ["created_at"] = Stamp(app.CreatedAt),
            ["title"] = app.Title,
            ["updated_at"] = Stamp(app.UpdatedAt),
            ["repo_url"] = app.Repo,
            ["id"] = app.Id,
            ["icon"] = app.Icon?.FileName,
            ["version"] = app.Version,
            ["package"] = app.Package,
            ["person_id"] = app.OwnerId,
            ["desc"] = app.Description,
        };
        foreach (var platform in Platforms.All)
        {
            json[$"{platform}_status"] = app.Builds.TryGetValue(platform, out var build) ? build.State(now) : null;
        }

        return json;
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
