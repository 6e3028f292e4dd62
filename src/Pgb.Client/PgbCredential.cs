using System.Net.Http.Headers;
using System.Text;

namespace Pgb.Client;

/// <summary>
/// How requests authenticate. The v1 API docs pass the token as the <c>auth_token</c> query parameter, so
/// that is what a token credential does; basic auth is the other form v1 supports (and the only way
/// to ask <c>POST /token</c> for a token).
/// </summary>
public abstract class PgbCredential
{
    private PgbCredential() { }

    /// <summary>Token authentication (<c>?auth_token=</c>).</summary>
    public static PgbCredential FromToken(string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new ArgumentException("The token is empty.", nameof(token));
        }

        return new TokenCredential(token);
    }

    /// <summary>HTTP basic authentication with a user name (or e-mail) and password.</summary>
    public static PgbCredential FromBasic(string userName, string password)
    {
        if (string.IsNullOrEmpty(userName))
        {
            throw new ArgumentException("The user name is empty.", nameof(userName));
        }

        return new BasicCredential(userName, password ?? string.Empty);
    }

    internal abstract void Apply(HttpRequestMessage request);

    /// <summary>
    /// The secret in the forms it can take on the wire, for scrubbing error texts that quote it. Secrets
    /// shorter than <see cref="MinimumScrubbedLength"/> are left out: replacing "dev" everywhere would mangle
    /// "device" in a message, and such a secret's URL forms are still redacted by <see cref="PgbRedaction"/>.
    /// </summary>
    internal abstract IReadOnlyList<string> Secrets { get; }

    internal const int MinimumScrubbedLength = 6;

    private static IReadOnlyList<string> FormsOf(params string[] secrets) =>
        [.. secrets.Where(s => s.Length >= MinimumScrubbedLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    /// <summary>Never prints the secret: credentials end up in exception messages and logs otherwise.</summary>
    public abstract override string ToString();

    private sealed class TokenCredential(string token) : PgbCredential
    {
        internal override void Apply(HttpRequestMessage request)
        {
            var uri = request.RequestUri!;
            var separator = string.IsNullOrEmpty(uri.Query) ? "?" : "&";
            request.RequestUri = new Uri(uri.AbsoluteUri + separator + "auth_token=" + Uri.EscapeDataString(token));
        }

        // Raw, escaped as the query carries it, and escaped again as a return_to parameter carries that.
        internal override IReadOnlyList<string> Secrets { get; } =
            FormsOf(token, Uri.EscapeDataString(token), Uri.EscapeDataString(Uri.EscapeDataString(token)));

        public override string ToString() => "token (redacted)";
    }

    private sealed class BasicCredential(string userName, string password) : PgbCredential
    {
        internal override void Apply(HttpRequestMessage request)
        {
            var raw = Encoding.UTF8.GetBytes(userName + ":" + password);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
        }

        // The password, and the header value a debugging server might echo.
        internal override IReadOnlyList<string> Secrets { get; } =
            FormsOf(password, Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password)));

        public override string ToString() => "basic " + userName + ":(redacted)";
    }
}
