using System.Collections.Specialized;
using System.Text;
using System.Web;

namespace Pgb.Testing;

/// <summary>One request as the fake handler saw it, read before the client disposed it.</summary>
public sealed class RecordedRequest
{
    public required HttpMethod Method { get; init; }

    public required Uri Uri { get; init; }

    /// <summary>Request and content headers, values joined with ", "; names compare without case.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required byte[] Body { get; init; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The Content-Length the content announced (null without content or when unknown).</summary>
    public long? ContentLength { get; init; }

    public bool IsChunked { get; init; }

    /// <summary>The parts of a multipart body, in order; empty otherwise.</summary>
    public required IReadOnlyList<RecordedPart> Parts { get; init; }

    public string PathAndQuery => Uri.PathAndQuery;

    /// <summary>"GET /api/v1/apps/7?auth_token=t": the method and target, as the request line carries them.</summary>
    public string Line => Method + " " + PathAndQuery;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public NameValueCollection QueryParameters => HttpUtility.ParseQueryString(Uri.Query);

    /// <summary>The fields of a url-encoded form body.</summary>
    public NameValueCollection FormFields => HttpUtility.ParseQueryString(BodyText);

    public override string ToString() => Method + " " + Uri;
}
