using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pgb.Server.Http;

/// <summary>Writes the API's JSON. Compact (the Read API: "actual JSON responses will not have significant
/// whitespace"), UTF-8, quotes escaped as \" rather than \u0022 so messages read as the API documentation shows them.</summary>
internal static class JsonResponses
{
    public const string ContentType = "application/json; charset=utf-8";

    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static Task WriteAsync(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Options);
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    /// <summary>An error answer, <c>{"error":message}</c> (see <see cref="ServerErrors"/>).</summary>
    public static Task WriteErrorAsync(HttpContext context, ApiException error) =>
        WriteAsync(context, error.Status, new JsonObject { ["error"] = error.Message });

    /// <summary>The 302 of downloads and icons: a Location header and the same URL as <c>{"location":...}</c>.</summary>
    public static Task RedirectAsync(HttpContext context, string location)
    {
        context.Response.Headers.Location = location;
        return WriteAsync(context, StatusCodes.Status302Found, new JsonObject { ["location"] = location });
    }
}
