namespace Pgb.Server.Middleware;

/// <summary>The official CLI asked for <c>/api/v1/keys//</c>; routing does not match empty segments, so runs of
/// slashes collapse to one and a trailing slash is dropped before routing (the journal keeps the original path).</summary>
internal sealed class PathNormalizationMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (!string.IsNullOrEmpty(path) && (path.Contains("//", StringComparison.Ordinal) || (path.Length > 1 && path.EndsWith('/'))))
        {
            while (path.Contains("//", StringComparison.Ordinal))
            {
                path = path.Replace("//", "/", StringComparison.Ordinal);
            }

            if (path.Length > 1 && path.EndsWith('/'))
            {
                path = path[..^1];
            }

            context.Request.Path = new PathString(path);
        }

        return next(context);
    }
}
