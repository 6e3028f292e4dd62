using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pgb.Client;

public sealed partial class PgbClient
{
    /// <summary>At most this much of an error body is read: it only feeds a message, and a broken storage host may send without end.</summary>
    internal const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>Sends a request (again, on transient failures) and reads a JSON answer.</summary>
    private async Task<T> SendAsync<T>(HttpMethod method, Uri uri, Func<HttpContent>? body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, uri, body, timeout, authenticate: true, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var text = await ReadTextAsync(response.Content).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status >= 200 && status < 300)
        {
            return ParseSuccess<T>(method, uri, status, text, _secrets.Current);
        }

        throw Failure(status, ErrorText(response, text, _secrets.Current), method.Method, uri);
    }

    /// <summary>
    /// Sends a request, trying again on transient failures as <see cref="RetryPolicy"/> decides, and returns the last answer whatever its status. The body factory runs once per
    /// attempt, so an upload re-opens its file when retried. The caller disposes the answer.
    /// </summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, Uri uri, Func<HttpContent>? body, TimeSpan timeout,
        bool authenticate, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await SendOnceAsync(method, uri, body, timeout, authenticate, completion, cancellationToken).ConfigureAwait(false);
            }
            catch (PgbRequestFailedException ex) when (attempt < _retry.MaxRetries && _retry.ShouldRetry(method, ex))
            {
                await Task.Delay(_retry.DelayFor(attempt, null), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if ((int)response.StatusCode >= 400 && attempt < _retry.MaxRetries && _retry.ShouldRetry(method, response.StatusCode))
            {
                var delay = _retry.DelayFor(attempt, response.Headers.RetryAfter);
                response.Dispose();
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return response;
        }
    }

    /// <summary>One attempt; a missing answer (refused, reset, timed out) becomes a status-0 failure.</summary>
    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, Uri uri, Func<HttpContent>? body, TimeSpan timeout,
        bool authenticate, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.ParseAdd("application/json");
        if (authenticate)
        {
            _credential?.Apply(request);
        }

        if (body is not null)
        {
            request.Content = body();
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await _http.SendAsync(request, completion, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is HttpRequestException || ex is OperationCanceledException || ex is IOException))
        {
            var reason = ex is OperationCanceledException ? $"timed out after {timeout.TotalSeconds:0.#} s" : Flatten(ex);
            throw Failure(0, reason, method.Method, uri, ex);
        }
    }

    /// <summary>The one way this client makes its exception: the URL is described without the token, and its own secrets are scrubbed from the text.</summary>
    private PgbRequestFailedException Failure(int status, string? message, string method, Uri uri, Exception? innerException = null, bool interrupted = false) =>
        new(status, message, method, Describe(uri), innerException, _secrets.Current, interrupted);

    /// <summary>Reads a success answer into <typeparamref name="T"/>; internal so tests feed the v1 API docs' examples (tests/Pgb.Client.Tests/TestData/Spec003) through this very path.</summary>
    internal static T ParseSuccess<T>(HttpMethod method, Uri uri, int status, string text) => ParseSuccess<T>(method, uri, status, text, []);

    private static T ParseSuccess<T>(HttpMethod method, Uri uri, int status, string text, IReadOnlyList<string> secrets)
    {
        JToken token;
        try
        {
            token = string.IsNullOrWhiteSpace(text) ? JValue.CreateNull() : JToken.Parse(text);
        }
        catch (JsonException)
        {
            throw new PgbRequestFailedException(status, "the answer is not JSON: " + Snippet(text, secrets), method.Method, Describe(uri), null, secrets);
        }

        // The service sometimes answered {"error":...} with a success status.
        if (token is JObject obj && obj.Count == 1 && obj["error"] is JValue { Type: JTokenType.String } error)
        {
            throw new PgbRequestFailedException(status, (string?)error, method.Method, Describe(uri), null, secrets);
        }

        if (typeof(T) == typeof(JToken))
        {
            return (T)(object)token;
        }

        try
        {
            return token.ToObject<T>() ?? throw new JsonSerializationException("empty answer");
        }
        catch (Exception ex) when (ex is JsonException || ex is ArgumentException || ex is InvalidCastException || ex is FormatException || ex is OverflowException)
        {
            // Newtonsoft wraps most conversion failures in JsonException, but a JToken cast in a converter
            // throws ArgumentException: all of them mean the answer is not the shape we read.
            throw new PgbRequestFailedException(status, $"the answer does not have the expected shape ({ex.Message})", method.Method, Describe(uri), ex, secrets);
        }
    }

    /// <summary>The service's <c>error</c> text, or a short description of a non-JSON page (a front end's HTML 504).</summary>
    internal static string ErrorText(HttpResponseMessage response, string body, IReadOnlyList<string> secrets)
    {
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                if (JToken.Parse(body) is JObject obj && obj["error"] is JToken error && error.Type != JTokenType.Null)
                {
                    var text = error.Type == JTokenType.String ? (string?)error : error.ToString(Formatting.None);
                    // {"error":""} says nothing: the status's reason phrase says more.
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        return text!;
                    }

                    return ReasonOf(response);
                }
            }
            catch (JsonException)
            {
                // Not JSON: fall through to the reason phrase.
            }
        }

        var reason = ReasonOf(response);
        var page = TextOf(body);
        return string.IsNullOrWhiteSpace(page) ? reason : $"{reason} ({Snippet(page, secrets)})";
    }

    private static string ReasonOf(HttpResponseMessage response) =>
        string.IsNullOrEmpty(response.ReasonPhrase) ? ((HttpStatusCode)(int)response.StatusCode).ToString() : response.ReasonPhrase!;

    /// <summary>
    /// A buffered answer's body as text. Not <c>ReadAsStringAsync</c>: it throws InvalidOperationException
    /// when the Content-Type names a charset .NET does not know, which would escape as a second exception type.
    /// </summary>
    private static async Task<string> ReadTextAsync(HttpContent? content)
    {
        if (content is null)
        {
            return string.Empty;
        }

        var bytes = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return Decode(bytes, bytes.Length, content.Headers.ContentType?.CharSet);
    }

    /// <summary>
    /// The start of an error body that is still streaming (a storage host's 403): at most
    /// <see cref="MaxErrorBodyBytes"/>, each read bounded by the stall timeout and the caller's token. A body
    /// that breaks off or stalls yields what arrived: the status is the failure, the text only explains it.
    /// </summary>
    private async Task<string> ReadErrorTextAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return string.Empty;
        }

        var buffer = new byte[MaxErrorBodyBytes];
        var length = 0;
        try
        {
            using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            while (length < buffer.Length)
            {
                using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                stall.CancelAfter(_options.DownloadStallTimeout);
                var read = await stream.ReadAsync(buffer, length, buffer.Length - length, stall.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is OperationCanceledException || ex is IOException || ex is HttpRequestException))
        {
            // Stalled or broken off: describe the failure with the bytes we have.
        }

        return Decode(buffer, length, content.Headers.ContentType?.CharSet);
    }

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A byte-order mark wins (as in ReadAsStringAsync); then a charset .NET knows; else UTF-8, what JSON is.</summary>
    private static string Decode(byte[] bytes, int length, string? charset)
    {
        // UTF-32 LE first: its mark begins with UTF-16 LE's.
        foreach (var marked in new[] { Encoding.UTF32, Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode })
        {
            var preamble = marked.GetPreamble();
            if (length >= preamble.Length && preamble.Length > 0 && bytes.Take(preamble.Length).SequenceEqual(preamble))
            {
                return marked.GetString(bytes, preamble.Length, length - preamble.Length);
            }
        }

        var encoding = Utf8;
        if (!string.IsNullOrWhiteSpace(charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset!.Trim().Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset (utf8mb4 and friends): read UTF-8.
            }
        }

        return encoding.GetString(bytes, 0, length);
    }

    /// <summary>Runs of white space, which an HTML page stripped of its tags is full of.</summary>
    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant);

    private static readonly Regex MarkupBlocks = new(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex MarkupTags = new(@"<[^>]*>", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    /// <summary>An HTML (or XML) error page as its text: a person reads "502 Bad Gateway", not tags and styles.</summary>
    private static string TextOf(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || !body.TrimStart().StartsWith("<", StringComparison.Ordinal))
        {
            return body;
        }

        var text = MarkupTags.Replace(MarkupBlocks.Replace(body, " "), " ");
        return WebUtility.HtmlDecode(text);
    }

    private static string Describe(Uri uri) => PgbRedaction.Redact(uri);

    /// <summary>The start of a body on one line, redacted before it is cut: a secret cut in half escapes both redactions.</summary>
    private static string Snippet(string text, IReadOnlyList<string> secrets)
    {
        var oneLine = PgbRedaction.Redact(Whitespace.Replace(text, " ").Trim(), secrets);
        return oneLine.Length > 120 ? oneLine.Substring(0, 120) + "..." : oneLine;
    }

    private static string Flatten(Exception ex)
    {
        var messages = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (!messages.Contains(e.Message))
            {
                messages.Add(e.Message);
            }
        }

        return PgbRedaction.Redact(string.Join(" ", messages));
    }
}
