using Pgb.Server.Errors;
using Pgb.Server.Model;
using Pgb.Server.Stores;

namespace Pgb.Server.Handlers;

/// <summary>GET /storage/{guid}/{file}: the "S3" of this server. No authentication and no credentials in the URL -
/// clients must not send their token here, and the server neither needs nor echoes one. The unguessable guid is
/// the only access control, as with the real service's links.</summary>
internal sealed class StorageHandlers(IBlobStore blobs)
{
    public Task Get(HttpContext context) =>
        WriteBlobAsync(context, blobs, "public/" + HandlerContext.RouteString(context, "guid") + "/" + HandlerContext.RouteString(context, "file"));

    /// <summary>Answers a stored object's bytes (also v0's icon, which answers the file rather than a redirect).</summary>
    public static async Task WriteBlobAsync(HttpContext context, IBlobStore blobs, string key)
    {
        var content = blobs.Get(key) ?? throw ServerErrors.StorageObjectNotFound();
        var extension = Path.GetExtension(key).TrimStart('.').ToLowerInvariant();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = Platforms.ContentType(extension);
        context.Response.ContentLength = content.Length;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{Path.GetFileName(key)}\"";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(content, context.RequestAborted);
        }
    }
}
