namespace Pgb.Server.Middleware;

/// <summary>Works out the origin clients reach the server at. Behind a TLS-terminating proxy the request arrives as
/// http://127.0.0.1:PORT, but absolute URLs (the download/icon <c>location</c>) must point at the proxy, so
/// <c>X-Forwarded-Proto</c>, <c>X-Forwarded-Host</c> and <c>X-Forwarded-Port</c> win when present. The host they name has
/// passed <see cref="AllowedHostsMiddleware"/> (the operator allowed it), and so has <c>Host</c>. Links in JSON bodies
/// stay paths, as in the spec.</summary>
internal sealed class ForwardedHeadersMiddleware(RequestDelegate next)
{
    private const string ItemKey = "pgb.origin";

    public Task InvokeAsync(HttpContext context)
    {
        context.Items[ItemKey] = Compute(context.Request);
        return next(context);
    }

    /// <summary>scheme://host[:port] with no trailing slash.</summary>
    public static string Origin(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var origin) && origin is string text ? text : Compute(context.Request);

    /// <summary>The first <c>X-Forwarded-Host</c>, when it is a well-formed host[:port]; null otherwise (ignored).</summary>
    public static string? ForwardedHost(HttpRequest request)
    {
        var forwardedHost = First(request.Headers["X-Forwarded-Host"]);
        return forwardedHost is not null && Uri.CheckHostName(HostString.FromUriComponent(forwardedHost).Host.Trim('[', ']')) != UriHostNameType.Unknown
            && !forwardedHost.Contains('/') && !forwardedHost.Contains('@')
            ? forwardedHost
            : null;
    }

    private static string Compute(HttpRequest request)
    {
        var scheme = First(request.Headers["X-Forwarded-Proto"]);
        if (scheme is null || !(scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)))
        {
            scheme = request.Scheme;
        }

        var host = request.Host.Value ?? "127.0.0.1";
        if (ForwardedHost(request) is { } forwardedHost)
        {
            host = forwardedHost;
            var port = First(request.Headers["X-Forwarded-Port"]);
            if (!HostString.FromUriComponent(host).Port.HasValue && int.TryParse(port, out var p) && p is > 0 and < 65536
                && !((p == 443 && scheme == "https") || (p == 80 && scheme == "http")))
            {
                host = $"{host}:{p}";
            }
        }

        return $"{scheme.ToLowerInvariant()}://{host}";
    }

    /// <summary>Proxies chain values as "a, b": the first is the client-facing one.</summary>
    private static string? First(string? header)
    {
        var value = header?.Split(',')[0].Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
