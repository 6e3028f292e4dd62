using System.Net;
using System.Text;

namespace Pgb.Testing;

/// <summary>
/// A fake <see cref="HttpMessageHandler"/>: records every request (method, URI, headers, body) and
/// answers from a queue of responses, then from a function. No sockets.
/// </summary>
public sealed class FakeHandler : HttpMessageHandler
{
    private readonly Queue<Func<RecordedRequest, HttpResponseMessage>> _queue = new();
    private readonly Func<RecordedRequest, HttpResponseMessage>? _answer;
    private readonly List<RecordedRequest> _requests = [];

    public FakeHandler(Func<RecordedRequest, HttpResponseMessage>? answer = null) => _answer = answer;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public FakeHandler Enqueue(HttpResponseMessage response) => Enqueue(_ => response);

    public FakeHandler Enqueue(Func<RecordedRequest, HttpResponseMessage> answer)
    {
        lock (_queue)
        {
            _queue.Enqueue(answer);
        }

        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var recorded = await RecordAsync(request, cancellationToken).ConfigureAwait(false);
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        Func<RecordedRequest, HttpResponseMessage>? answer = null;
        lock (_queue)
        {
            if (_queue.Count > 0)
            {
                answer = _queue.Dequeue();
            }
        }

        answer ??= _answer ?? throw new InvalidOperationException("FakeHandler has no answer left for " + recorded);
        var response = answer(recorded);
        response.RequestMessage ??= request;
        return response;
    }

    private static async Task<RecordedRequest> RecordAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        long? contentLength = null;
        var parts = new List<RecordedPart>();
        var body = Array.Empty<byte>();
        if (request.Content is { } content)
        {
            // Read the announced length and the whole body first, as the wire would carry them: reading a
            // part on its own buffers it and adds headers to it.
            contentLength = content.Headers.ContentLength;
            body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (content is MultipartContent multipart)
            {
                foreach (var part in multipart)
                {
                    parts.Add(new RecordedPart
                    {
                        Name = part.Headers.ContentDisposition?.Name?.Trim('"'),
                        FileName = part.Headers.ContentDisposition?.FileName?.Trim('"'),
                        ContentType = part.Headers.ContentType?.ToString(),
                        Body = await part.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false),
                    });
                }
            }

            foreach (var header in content.Headers)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }
        }

        return new RecordedRequest
        {
            Method = request.Method,
            Uri = request.RequestUri!,
            Headers = headers,
            Body = body,
            ContentLength = contentLength,
            IsChunked = request.Headers.TransferEncodingChunked == true,
            Parts = parts,
        };
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Html(HttpStatusCode status, string html) =>
        new(status) { Content = new StringContent(html, Encoding.UTF8, "text/html") };

    /// <summary>A 302 as the service sent it for downloads: a JSON body with the location, and optionally the header too.</summary>
    public static HttpResponseMessage RedirectJson(string location, bool withHeader = false)
    {
        var response = Json(HttpStatusCode.Found, "{\"location\":\"" + location + "\"}");
        if (withHeader)
        {
            response.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
        }

        return response;
    }

    /// <summary>A 302 with only a Location header and an empty body.</summary>
    public static HttpResponseMessage RedirectHeader(string location)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Found) { Content = new ByteArrayContent([]) };
        response.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
        return response;
    }

    public static HttpResponseMessage Bytes(byte[] bytes, string mediaType = "application/octet-stream", long? announcedLength = null)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        content.Headers.ContentLength = announcedLength ?? bytes.Length;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
