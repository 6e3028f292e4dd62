namespace Pgb.Client;

/// <summary>
/// HATEOAS (v1 API docs): every resource carries a <c>link</c>, and a client may navigate the API by following them
/// from <c>/api/v1</c> without knowing the routes.
/// </summary>
public sealed partial class PgbClient
{
    /// <summary>
    /// GETs the resource a <c>link</c> of an answer names and reads it as <typeparamref name="T"/> (e.g.
    /// <c>FollowLinkAsync&lt;PgbApp&gt;(summary.Link)</c>, <c>FollowLinkAsync&lt;PgbKeyListing&gt;(me.Keys.Link)</c>).
    /// A link is a path on this service (<c>/api/v1/apps/8</c>, or <c>api/v1/keys</c>, as <c>/me</c> once sent it),
    /// resolved under <see cref="ServerUrl"/> and its path prefix; a full URL must name this service, so credentials
    /// never travel to another host.
    /// </summary>
    public Task<T> FollowLinkAsync<T>(string link, CancellationToken cancellationToken = default) =>
        GetJsonAsync<T>(ResolveLink(link), cancellationToken);

    /// <summary>The URL a link names: a path under <see cref="ServerUrl"/>, or a full URL of the same service.</summary>
    public Uri ResolveLink(string link)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            throw new ArgumentException("No link given.", nameof(link));
        }

        var text = link.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            if (!string.Equals(absolute.GetLeftPart(UriPartial.Authority), ServerUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"The link {PgbRedaction.Redact(absolute)} is not on {PgbRedaction.Redact(ServerUrl)}: it is not followed with this client's credentials.", nameof(link));
            }

            return absolute;
        }

        if (text.StartsWith("//", StringComparison.Ordinal) || text.Contains("://"))
        {
            throw new ArgumentException($"The link '{PgbRedaction.Redact(text)}' is not a path on this service.", nameof(link));
        }

        // "/api/v1/apps/8" and "api/v1/keys" alike: under the server URL, so a path prefix (a proxy's /pgb/) is kept.
        return new Uri(ServerUrl, text.TrimStart('/'));
    }
}
