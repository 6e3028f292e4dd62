using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Pgb.Server.Handlers;

/// <summary>GET /storage/{guid}/{file}: the "S3" of this server (on its own origin with
/// <see cref="PgbServerOptions.StoragePort"/>). No authentication and no credentials in the URL - clients must not send
/// their token here, and the server neither needs nor echoes one. The unguessable guid is the only access control, as with
/// the real service's links. Like S3, it sends a strong <c>ETag</c> (of the content) and <c>Last-Modified</c>, and honours
/// <c>Range</c> with <c>If-Range</c> (206), <c>If-None-Match</c> and <c>If-Modified-Since</c> (304), so a download that
/// broke off resumes where it stopped.</summary>
internal sealed class StorageHandlers(IBlobStore blobs)
{
    public Task Get(HttpContext context) =>
        WriteBlobAsync(context, blobs, "public/" + HandlerContext.RouteString(context, "guid") + "/" + HandlerContext.RouteString(context, "file"));

    /// <summary>Answers a stored object's bytes (also v0's icon, which answers the file rather than a redirect).</summary>
    public static Task WriteBlobAsync(HttpContext context, IBlobStore blobs, string key)
    {
        var blob = blobs.Read(key) ?? throw ServerErrors.StorageObjectNotFound();
        var extension = Path.GetExtension(key).TrimStart('.').ToLowerInvariant();
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{Path.GetFileName(key)}\"";

        // Blobs are never overwritten, so the hash names this content for as long as the key lives.
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(blob.Content))[..32]}\"");
        return Results.File(blob.Content, Platforms.ContentType(extension), fileDownloadName: null, lastModified: blob.LastModified, entityTag: etag,
            enableRangeProcessing: true).ExecuteAsync(context);
    }
}
