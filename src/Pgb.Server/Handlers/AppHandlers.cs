using System.Text.Json.Nodes;
using Pgb.Server.Errors;
using Pgb.Server.Hosting;
using Pgb.Server.Http;
using Pgb.Server.Model;
using Pgb.Server.Middleware;

namespace Pgb.Server.Handlers;

/// <summary>/api/v1/apps and /api/v1/apps/:id: list, create, read, update, delete.</summary>
internal sealed class AppHandlers(ServerState state)
{
    public Task List(HttpContext context)
    {
        var now = state.Now;
        var apps = new JsonArray();
        foreach (var app in state.Apps.ListOwnedBy(AuthMiddleware.Account(context).Id))
        {
            lock (app.Gate)
            {
                apps.Add(AppJson.Summary(app, now));
            }
        }

        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["apps"] = apps, ["link"] = "/api/v1/apps" });
    }

    public Task Get(HttpContext context)
    {
        var app = HandlerContext.OwnedApp(context, state, HandlerContext.RouteId(context));
        JsonObject json;
        lock (app.Gate)
        {
            json = AppJson.Detail(app, state.Now, state.Keys);
        }

        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, json);
    }

    /// <summary>POST /api/v1/apps. create_method may be missing (the official CLI never sent it): a file means
    /// <c>file</c>, a repo means <c>remote_repo</c>. The title may be missing too when config.xml has a &lt;name&gt;;
    /// only when neither gives one is it a 400. Every platform (or the <c>platforms</c> asked for) is queued.</summary>
    public async Task Create(HttpContext context)
    {
        var (app, now) = await CreateAppAsync(context);
        JsonObject json;
        lock (app.Gate)
        {
            json = AppJson.Written(app, now, state.Keys);
        }

        await JsonResponses.WriteAsync(context, StatusCodes.Status201Created, json);
    }

    /// <summary>The create logic shared by v1 and v0 (which differ only in the JSON they answer).</summary>
    public async Task<(AppRecord App, DateTimeOffset Now)> CreateAppAsync(HttpContext context)
    {
        var account = AuthMiddleware.Account(context);
        var data = await RequestData.ReadAsync(context);
        var file = data.File("file");
        var repo = data.GetString("repo") ?? data.GetString("repo_url");
        var method = data.GetString("create_method")?.Trim().ToLowerInvariant();
        method ??= file is not null ? "file" : !string.IsNullOrWhiteSpace(repo) ? "remote_repo" : null;

        byte[]? source = null;
        switch (method)
        {
            case "file":
                if (file is null)
                {
                    throw ServerErrors.FilePartMissing();
                }

                source = await AppWriter.ReadAllAsync(file, context.RequestAborted);
                break;
            case "remote_repo":
                repo = AppWriter.CheckRepo(repo);
                break;
            case null:
                throw ServerErrors.SourceMissing();
            default:
                throw ServerErrors.UnknownCreateMethod(method);
        }

        var platforms = data.GetList("platforms") is { Count: > 0 } asked ? HandlerContext.Platforms(asked) : Platforms.All;
        var now = state.Now;

        // Validate every field on a scratch record first, so a bad request never leaves a half-made app behind.
        AppWriter.ApplyMetadata(new AppRecord(0, account.Id, account.Account.Email, method == "remote_repo", now), data);
        var info = source is null ? null : Build.SourceArchive.Inspect(source);
        var title = info?.Config?.Name ?? data.GetString("title");
        if (string.IsNullOrWhiteSpace(title))
        {
            throw source is null ? ServerErrors.TitleRequired() : ServerErrors.TitleRequiredForUpload();
        }

        var created = state.Apps.Add(id => new AppRecord(id, account.Id, account.Account.Email, method == "remote_repo", now));
        lock (created.Gate)
        {
            AppWriter.ApplyMetadata(created, data, Unlocker(created.OwnerId, now));
            if (source is not null)
            {
                AppWriter.ApplySource(created, state, source, file?.FileName, info!);
            }
            else
            {
                AppWriter.ApplyRepo(created, repo!);
            }

            created.QueueBuilds(platforms, state.Simulation, now, state.Blobs.Remove, state.KeyFailure(created));
            state.Apps.Save(created);
        }

        return (created, now);
    }

    /// <summary>PUT /api/v1/apps/:id: metadata via data, a new <c>file</c> for file apps, <c>pull</c> for repo apps.
    /// Any change queues every platform, as the Write API says; an empty PUT just answers the app.</summary>
    public async Task Update(HttpContext context)
    {
        var (app, now) = await UpdateAppAsync(context, forcePull: false);
        JsonObject json;
        lock (app.Gate)
        {
            json = AppJson.Written(app, now, state.Keys);
        }

        await JsonResponses.WriteAsync(context, StatusCodes.Status200OK, json);
    }

    /// <summary>The update logic shared by v1 PUT, v0 PUT and v0's <c>push</c> (a pull by another name).</summary>
    public async Task<(AppRecord App, DateTimeOffset Now)> UpdateAppAsync(HttpContext context, bool forcePull)
    {
        var app = HandlerContext.OwnedApp(context, state, HandlerContext.RouteId(context));
        // v0's push: "the post data is ignored - I'm including some dummy data so curl agrees to set a Content-Length".
        var data = forcePull ? RequestData.Empty() : await RequestData.ReadAsync(context);
        var file = data.File("file");
        var pull = forcePull || data.GetBool("pull") == true;
        var source = file is null ? null : await AppWriter.ReadAllAsync(file, context.RequestAborted);

        // A 400 must leave the app as it was: validate every field on a scratch record before touching the real one.
        var now = state.Now;
        AppWriter.ApplyMetadata(new AppRecord(0, app.OwnerId, app.OwnerEmail, app.RepoBacked, now), data);
        lock (app.Gate)
        {
            if (source is not null && app.RepoBacked)
            {
                throw ServerErrors.RepoBacked(app.Id);
            }

            if (pull && !app.RepoBacked)
            {
                throw ServerErrors.NotRepoBacked(app.Id);
            }

            string? newRepo = null;
            if (data.GetString("repo") is { Length: > 0 } repo)
            {
                if (!app.RepoBacked)
                {
                    throw ServerErrors.NotRepoBacked(app.Id);
                }

                newRepo = AppWriter.CheckRepo(repo);
            }

            var changed = AppWriter.ApplyMetadata(app, data, Unlocker(app.OwnerId, now));
            if (source is not null)
            {
                AppWriter.ApplySource(app, state, source, file!.FileName, Build.SourceArchive.Inspect(source));
                changed = true;
            }

            if (newRepo is not null || pull)
            {
                app.PullCount += pull ? 1 : 0;
                AppWriter.ApplyRepo(app, newRepo ?? app.Repo!);
                changed = true;
            }

            if (changed)
            {
                app.QueueBuilds(Platforms.All, state.Simulation, now, state.Blobs.Remove, state.KeyFailure(app));
                state.Apps.Save(app);
            }
        }

        return (app, now);
    }

    public Task Delete(HttpContext context)
    {
        var app = DeleteApp(context);
        return JsonResponses.WriteAsync(context, StatusCodes.Status202Accepted, new JsonObject { ["success"] = $"app {app.Id} deleted" });
    }

    public AppRecord DeleteApp(HttpContext context)
    {
        var app = HandlerContext.OwnedApp(context, state, HandlerContext.RouteId(context));
        lock (app.Gate)
        {
            if (!state.Apps.Remove(app.Id))
            {
                throw ServerErrors.AppNotAvailable(app.Id);
            }

            AppWriter.DiscardBlobs(app, state);
        }

        return app;
    }

    private Action<string, int, JsonObject> Unlocker(int ownerId, DateTimeOffset now) =>
        (platform, id, entry) => Keys.KeyPasswords.UnlockFromApp(state.Keys, ownerId, platform, id, entry, now);
}
