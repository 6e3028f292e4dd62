using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Pgb.Server.Hosting;

namespace Pgb.Server.Middleware;

/// <summary>Gives each request the body limit its route has in the API, before anything reads the body: uploads (a
/// multipart body on the routes that take files) get <see cref="ServerLimits.MaxUploadBytes"/>, every other body
/// <see cref="ServerLimits.MaxBodyBytes"/>. Kestrel enforces it while the body is read (at once, when the
/// Content-Length says so): 413, and multipart file parts spooled to temporary files never outgrow it.</summary>
internal sealed partial class RequestLimitMiddleware(RequestDelegate next, ServerState state)
{
    private static readonly object ItemKey = new();

    public Task InvokeAsync(HttpContext context)
    {
        var isUpload = IsUpload(context.Request);
        var limit = new BodyLimit(isUpload, isUpload ? state.Limits.MaxUploadBytes : state.Limits.MaxBodyBytes);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit.Bytes;
        }

        context.Items[ItemKey] = limit;
        return next(context);
    }

    /// <summary>The limit given to the request, for the 413 that names it.</summary>
    public static BodyLimit? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var item) ? item as BodyLimit : null;

    /// <summary>POST /apps, PUT /apps/:id, POST /apps/:id/icon and POST /keys/:platform, v1 and v0, as multipart.</summary>
    private static bool IsUpload(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
        && request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true
        && UploadRoute().IsMatch(request.Path.Value ?? string.Empty);

    [GeneratedRegex(@"^/api/v[01]/(apps(/[^/]+(/icon)?)?|keys/[^/]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UploadRoute();
}

/// <summary>The body limit of one request, and whether it is an upload's.</summary>
internal sealed record BodyLimit(bool IsUpload, long Bytes);
