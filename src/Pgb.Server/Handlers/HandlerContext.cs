using System.Globalization;
using Pgb.Server.Errors;
using Pgb.Server.Hosting;
using Pgb.Server.Http;
using Pgb.Server.Model;
using Pgb.Server.Middleware;

namespace Pgb.Server.Handlers;

/// <summary>Small helpers every handler needs: route values, the caller's app, platform names.</summary>
internal static class HandlerContext
{
    public static int RouteId(HttpContext context, string name = "id") =>
        int.TryParse(context.Request.RouteValues[name]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw ServerErrors.AppNotAvailable(RouteString(context, name));

    public static string RouteString(HttpContext context, string name) => context.Request.RouteValues[name]?.ToString() ?? string.Empty;

    /// <summary>The app if it exists and belongs to the caller; another user's app is "not available" too, so ids do
    /// not leak whether they exist.</summary>
    public static AppRecord OwnedApp(HttpContext context, ServerState state, int id)
    {
        var app = state.Apps.Find(id);
        return app is not null && app.OwnerId == AuthMiddleware.Account(context).Id ? app : throw ServerErrors.AppNotAvailable(id);
    }

    /// <summary>Canonical platform names; 400 for names the API does not know.</summary>
    public static IReadOnlyList<string> Platforms(IEnumerable<string> names)
    {
        var result = new List<string>();
        foreach (var name in names)
        {
            if (!Model.Platforms.TryNormalize(name, out var platform))
            {
                throw ServerErrors.UnknownPlatform(name);
            }

            if (!result.Contains(platform))
            {
                result.Add(platform);
            }
        }

        return result;
    }

    /// <summary>Absolute URL of a public blob, at the origin the client used (proxy-aware).</summary>
    public static string StorageUrl(HttpContext context, string storageKey) =>
        ForwardedHeadersMiddleware.Origin(context) + "/storage/" + storageKey["public/".Length..];
}
