namespace Pgb.Server.Middleware;

/// <summary>With a storage port (<see cref="PgbServerOptions.StoragePort"/>), the server has two origins, as the service
/// had its API and S3: the storage port answers <c>/storage/...</c> only, and the API port everything but. A client that
/// sends its credentials to the storage host, or fetches packages from the API host, is found out by a 404.</summary>
internal sealed class OriginMiddleware(RequestDelegate next, ServerState state)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (state.StoragePort is { } storagePort)
        {
            var isStorage = context.Request.Path.StartsWithSegments("/storage", StringComparison.OrdinalIgnoreCase);
            if (isStorage != (context.Connection.LocalPort == storagePort))
            {
                return JsonResponses.WriteErrorAsync(context, ServerErrors.NoRoute(context.Request.Method, context.Request.Path));
            }
        }

        return next(context);
    }
}
