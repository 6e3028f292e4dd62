namespace Pgb.Server.Middleware;

/// <summary>Answers only requests for a host this server serves: 127.0.0.1, localhost, [::1] and the names in
/// <see cref="PgbServerOptions.AllowedHosts"/> (any port), in <c>Host</c> and, behind a proxy, in <c>X-Forwarded-Host</c>.
/// A web page whose own name was made to resolve to 127.0.0.1 (DNS rebinding) reaches the port, but its requests still
/// name its host, and are refused before anything else happens; forwarded headers naming another host are refused the
/// same way, so links never point anywhere the operator did not allow. A request without a Host (HTTP/1.0) is taken as
/// local: browsers always send one.</summary>
internal sealed class AllowedHostsMiddleware(RequestDelegate next, ServerState state)
{
    private readonly HashSet<string> _allowed = new(["127.0.0.1", "localhost", "[::1]", .. state.Options.AllowedHosts.Select(Normalize)], StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Host.HasValue && !_allowed.Contains(request.Host.Host))
        {
            return JsonResponses.WriteErrorAsync(context, ServerErrors.HostNotServed("Host", request.Host.Host));
        }

        if (ForwardedHeadersMiddleware.ForwardedHost(request) is { } forwarded && !_allowed.Contains(HostString.FromUriComponent(forwarded).Host))
        {
            return JsonResponses.WriteErrorAsync(context, ServerErrors.HostNotServed("X-Forwarded-Host", HostString.FromUriComponent(forwarded).Host));
        }

        return next(context);
    }

    /// <summary>A configured name as a Host header carries it: IPv6 addresses in brackets.</summary>
    public static string Normalize(string host)
    {
        var trimmed = host.Trim();
        return Uri.CheckHostName(trimmed) == UriHostNameType.IPv6 && !trimmed.StartsWith('[') ? $"[{trimmed}]" : trimmed;
    }

    /// <summary>A name <see cref="PgbServerOptions.AllowedHosts"/> can hold: a DNS name or an IP address, no port, scheme
    /// or path.</summary>
    public static bool IsValid(string host) =>
        !string.IsNullOrWhiteSpace(host) && Uri.CheckHostName(host.Trim().Trim('[', ']')) != UriHostNameType.Unknown;
}
