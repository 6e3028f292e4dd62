using System.Text;
using System.Text.RegularExpressions;

namespace Pgb.Server.Middleware;

/// <summary>With a <c>callback</c> query parameter, JSON answers (errors included, status unchanged) come back as
/// <c>callback(json)</c> for &lt;script&gt; tags. The name must be a JavaScript identifier path, so the server cannot be
/// made to emit arbitrary script. Storage downloads are binary and never wrapped.</summary>
internal sealed partial class JsonpMiddleware(RequestDelegate next)
{
    private static readonly object ItemKey = new();

    /// <summary>True when the answer will be wrapped for a &lt;script&gt; tag: authentication treats such requests apart.</summary>
    public static bool IsJsonp(HttpContext context) => context.Items.ContainsKey(ItemKey);

    public async Task InvokeAsync(HttpContext context)
    {
        var callback = context.Request.Query["callback"].ToString();
        if (string.IsNullOrEmpty(callback) || context.Request.Path.StartsWithSegments("/storage"))
        {
            await next(context);
            return;
        }

        if (!CallbackName().IsMatch(callback))
        {
            await JsonResponses.WriteErrorAsync(context, ServerErrors.InvalidCallback());
            return;
        }

        context.Items[ItemKey] = true;
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var isJson = context.Response.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        if (isJson)
        {
            var wrapped = new MemoryStream();
            wrapped.Write(Encoding.UTF8.GetBytes(callback + "("));
            buffer.Position = 0;
            buffer.CopyTo(wrapped);
            wrapped.Write(")"u8);
            context.Response.ContentType = "text/javascript; charset=utf-8";
            context.Response.ContentLength = wrapped.Length;
            await original.WriteAsync(wrapped.GetBuffer().AsMemory(0, (int)wrapped.Length), context.RequestAborted);
        }
        else
        {
            context.Response.ContentLength = buffer.Length;
            await original.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
        }
    }

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*|\[[0-9]+\])*$", RegexOptions.CultureInvariant)]
    private static partial Regex CallbackName();
}
