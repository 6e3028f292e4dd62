namespace Pgb.Server.Middleware;

/// <summary>The real front end refused chunked uploads (no Content-Length) to the app endpoints with 411; clients
/// must learn to send a length, so the server refuses them too - before reading a byte of the body.</summary>
internal sealed class LengthRequiredMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var isUpload = HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method);
        if (isUpload && request.ContentLength is null && IsAppEndpoint(request.Path)
            && request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.Connection = "close";
            return JsonResponses.WriteErrorAsync(context, ServerErrors.LengthRequired());
        }

        return next(context);
    }

    private static bool IsAppEndpoint(PathString path) =>
        path.StartsWithSegments("/api/v1/apps", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/v0/apps", StringComparison.OrdinalIgnoreCase);
}
