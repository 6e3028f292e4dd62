using Pgb.Server.Middleware;

namespace Pgb.Server.Handlers;

/// <summary>What every handler takes from a request: the caller, route values, uploads; and the storage URL it answers.</summary>
internal static class HandlerContext
{
    public static StoredAccount Caller(HttpContext context) => AuthMiddleware.Account(context);

    /// <summary>The app id of the route; an id that is not a number names no app.</summary>
    public static int RouteId(HttpContext context) =>
        int.TryParse(RouteString(context, "id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw ServerErrors.AppNotAvailable(RouteString(context, "id"));

    public static string RouteString(HttpContext context, string name) => context.Request.RouteValues[name]?.ToString() ?? string.Empty;

    public static Task<Upload> ReadUploadAsync(IFormFile file, CancellationToken cancellationToken) =>
        ReadUploadAsync(file, Array.MaxLength, "the file", cancellationToken);

    /// <summary>Reads an upload into one array of its exact size (no second copy). Its size is bounded by the request's
    /// body limit; <paramref name="maxBytes"/> bounds it further, checked before anything is read.</summary>
    /// <param name="what">names the file in the error ("the icon").</param>
    public static async Task<Upload> ReadUploadAsync(IFormFile file, long maxBytes, string what, CancellationToken cancellationToken)
    {
        if (file.Length > maxBytes)
        {
            throw InspectionBudget.TooLarge(what, maxBytes);
        }

        var content = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(content, cancellationToken);
        return new Upload(file.FileName, content);
    }

    /// <summary>Absolute URL of a public blob: on the storage origin when the server has one, else at the origin the client
    /// used (proxy-aware).</summary>
    public static string StorageUrl(HttpContext context, string storageKey)
    {
        var origin = context.RequestServices.GetRequiredService<ServerState>().StoragePort is { } port
            ? string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")
            : ForwardedHeadersMiddleware.Origin(context);
        return origin + "/storage/" + storageKey["public/".Length..];
    }
}
