using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Pgb.Server.Handlers;
using Pgb.Server.Middleware;

namespace Pgb.Server.Hosting;

/// <summary>Composes the server: Kestrel on 127.0.0.1 (one port, or two with a storage port), the request pipeline
/// (Azurite-style: log -> allowed hosts -> origin -> injected faults -> forwarded headers -> JSONP -> errors -> path clean-up
/// -> 411 -> auth -> body limit -> handlers) and the routes.</summary>
internal static class ServerApp
{
    /// <summary>The application and the endpoints it listens on, whose ports are known once it has started.</summary>
    public static (WebApplication App, ListenEndpoints Endpoints) Build(ServerState state, int port, int? storagePort)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ServerApp).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Nothing from the environment (ASPNETCORE_URLS, Kestrel__Endpoints__..., appsettings.json) may add endpoints:
        // the server binds 127.0.0.1 and the given port, nothing else.
        builder.Configuration.Sources.Clear();

        // The embedding tool prints its own lines; per-request lines go to PgbServerOptions.Log.
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddSingleton(state);
        var limits = state.Limits;
        var endpoints = new ListenEndpoints();
        builder.Services.Configure<FormOptions>(o =>
        {
            // Whole bodies are bounded per request (RequestLimitMiddleware); a single field, file parts aside, is metadata.
            o.MultipartBodyLengthLimit = limits.MaxUploadBytes;
            o.ValueLengthLimit = (int)limits.MaxBodyBytes;
            o.BufferBodyLengthLimit = limits.MaxBodyBytes;
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Math.Max(limits.MaxUploadBytes, limits.MaxBodyBytes);
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalSize;
            kestrel.Limits.MaxRequestLineSize = limits.MaxRequestLineSize;
            kestrel.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
            kestrel.Limits.MaxConcurrentConnections = limits.MaxConcurrentConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
            kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = limits.KeepAliveTimeout;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinDataBytesPerSecond, limits.MinDataRateGracePeriod);
            kestrel.Limits.MinResponseDataRate = new MinDataRate(limits.MinDataBytesPerSecond, limits.MinDataRateGracePeriod);
            kestrel.Listen(IPAddress.Loopback, port, endpoint => endpoints.Api = endpoint);
            if (storagePort is { } second)
            {
                kestrel.Listen(IPAddress.Loopback, second, endpoint => endpoints.Storage = endpoint);
            }
        });

        var app = builder.Build();
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<AllowedHostsMiddleware>();
        app.UseMiddleware<OriginMiddleware>();
        app.UseMiddleware<FaultInjectionMiddleware>();
        app.UseMiddleware<ForwardedHeadersMiddleware>();
        app.UseMiddleware<JsonpMiddleware>();
        app.UseMiddleware<ErrorMiddleware>();
        app.UseMiddleware<PathNormalizationMiddleware>();
        app.UseMiddleware<LengthRequiredMiddleware>();
        app.UseMiddleware<AuthMiddleware>();
        app.UseMiddleware<RequestLimitMiddleware>();
        app.UseRouting();
        MapRoutes(app, state);
        return (app, endpoints);
    }

    private static void MapRoutes(WebApplication app, ServerState state)
    {
        var account = new AccountHandlers(state.Apps, state.Keys);
        var apps = new AppHandlers(state.Apps);
        var builds = new BuildHandlers(state.Apps);
        var collaborators = new CollaboratorHandlers(state.Apps);
        var keys = new KeyHandlers(state.Keys);
        var storage = new StorageHandlers(state.Storage.Blobs);

        app.MapGet("/", (HttpContext context) => JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            new JsonObject { ["name"] = "Pgb.Server", ["description"] = "PhoneGap-Build-compatible server", ["api"] = "/api/v1" }));
        app.MapMethods("/health", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) => JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            new JsonObject { ["status"] = "ok", ["version"] = ServerVersion.Text, ["uptime"] = (long)state.Uptime.TotalSeconds }));
        app.MapMethods("/storage/{guid}/{file}", [HttpMethods.Get, HttpMethods.Head], storage.Get);

        app.MapPost("/token", account.Token);
        app.MapPost("/api/v1/token", account.Token);
        app.MapGet("/api/v1", account.Me);
        app.MapGet("/api/v1/me", account.Me);
        app.MapGet("/api/v1/keys", keys.List);
        app.MapGet("/api/v1/keys/{platform}", keys.ListPlatform);
        app.MapPost("/api/v1/keys/{platform}", keys.Add);
        app.MapGet("/api/v1/keys/{platform}/{keyId}", keys.Get);
        app.MapPut("/api/v1/keys/{platform}/{keyId}", keys.Update);
        app.MapDelete("/api/v1/keys/{platform}/{keyId}", keys.Delete);

        app.MapGet("/api/v1/apps", apps.List);
        app.MapPost("/api/v1/apps", apps.Create);
        app.MapGet("/api/v1/apps/{id}", apps.Get);
        app.MapPut("/api/v1/apps/{id}", apps.Update);
        app.MapDelete("/api/v1/apps/{id}", apps.Delete);

        app.MapPost("/api/v1/apps/{id}/build", builds.Build);
        app.MapPost("/api/v1/apps/{id}/build/{platform}", builds.BuildPlatform);
        app.MapGet("/api/v1/apps/{id}/status", builds.Status);
        app.MapGet("/api/v1/apps/{id}/logs/{platform}/build", builds.Log);
        app.MapGet("/api/v1/apps/{id}/collaborators", collaborators.List);
        app.MapPost("/api/v1/apps/{id}/collaborators", collaborators.Add);
        app.MapGet("/api/v1/apps/{id}/collaborators/{collaboratorId}", collaborators.Get);
        app.MapPut("/api/v1/apps/{id}/collaborators/{collaboratorId}", collaborators.Change);
        app.MapDelete("/api/v1/apps/{id}/collaborators/{collaboratorId}", collaborators.Remove);
        app.MapGet("/api/v1/apps/{id}/icon", builds.Icon);
        app.MapPost("/api/v1/apps/{id}/icon", builds.SetIcon);
        app.MapGet("/api/v1/apps/{id}/{platform}", (HttpContext context) => builds.Download(context, ApiVersion.V1));

        // v0: "kept online for existing clients", same data, v0 shapes.
        var v0 = new V0Handlers(state.Apps, state.Storage.Blobs);
        app.MapGet("/api/v0/me", v0.Me);
        app.MapGet("/api/v0/apps", v0.List);
        app.MapPost("/api/v0/apps", v0.Create);
        app.MapGet("/api/v0/apps/{id}", v0.Get);
        app.MapPut("/api/v0/apps/{id}", v0.Update);
        app.MapDelete("/api/v0/apps/{id}", v0.Delete);
        app.MapPost("/api/v0/apps/{id}/push", v0.Push);
        app.MapGet("/api/v0/apps/{id}/icon", v0.Icon);
        app.MapPost("/api/v0/apps/{id}/icon", v0.SetIcon);
        app.MapGet("/api/v0/apps/{id}/{platform}", (HttpContext context) => builds.Download(context, ApiVersion.V0));
        app.MapGet("/api/v0/keys", keys.V0List);
        app.MapGet("/api/v0/keys/{platform}", keys.V0ListPlatform);
        app.MapPost("/api/v0/keys/{platform}", keys.V0Add);

        app.MapGet("/api/v1/current_support", (HttpContext context) => JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            new JsonObject
            {
                ["default"] = Model.Defaults.PhonegapVersion,
                ["by_phonegap"] = new JsonObject { [Model.Defaults.PhonegapVersion] = new JsonArray([.. Model.Platforms.All.Select(p => JsonValue.Create(p))]) },
            }));
    }
}
