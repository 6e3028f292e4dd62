using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;

namespace Pgb.Server.Middleware;

/// <summary>Gives each authenticated request the body limit its route has in the API, before a handler reads the body:
/// uploads (a multipart body on the routes that take files) get <see cref="ServerLimits.MaxUploadBytes"/>, every other
/// body <see cref="ServerLimits.MaxBodyBytes"/>. A Content-Length over it is answered 413 at once; otherwise Kestrel
/// enforces it while the body is read (a chunked body that grows too large), so multipart file parts spooled to temporary
/// files never outgrow it. (Authentication reads no more than <see cref="ServerLimits.MaxFormTokenBodyBytes"/>.)</summary>
internal sealed partial class RequestLimitMiddleware(RequestDelegate next, ServerState state)
{
    private static readonly object ItemKey = new();

    public Task InvokeAsync(HttpContext context)
    {
        var isUpload = IsUpload(context.Request);
        var limit = new BodyLimit(isUpload, isUpload ? state.Limits.MaxUploadBytes : state.Limits.MaxBodyBytes);
        context.Items[ItemKey] = limit;
        // Read-only once the body was read, which authentication does only to small bodies (a form auth_token).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            if (context.Request.ContentLength > limit.Bytes)
            {
                // Answered without reading, but not by closing the connection: Kestrel then reads and discards what the
                // client still sends (for at most 5 s, its fixed drain time), so a client that reads the answer only once
                // it has sent the body sees this 413, not a reset. Only authenticated clients get this far.
                feature.MaxRequestBodySize = null;
                return JsonResponses.WriteErrorAsync(context, ServerErrors.RequestTooLarge(limit));
            }

            feature.MaxRequestBodySize = limit.Bytes;
        }

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
