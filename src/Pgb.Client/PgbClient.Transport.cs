using System.Net;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pgb.Client;

public sealed partial class PgbClient
{
    /// <summary>Sends a request (again, on transient failures) and reads a JSON answer.</summary>
    private async Task<T> SendAsync<T>(HttpMethod method, Uri uri, Func<HttpContent>? body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, uri, body, timeout, authenticate: true, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status >= 200 && status < 300)
            return ParseSuccess<T>(method, uri, status, text);
        throw new PgbRequestFailedException(status, ErrorText(response, text), method.Method, Describe(uri));
    }

    /// <summary>
    /// Sends a request, trying again on transient failures (no answer, 429, 503, and 5xx for requests
    /// safe to repeat), and returns the last answer whatever its status. The body factory runs once per
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
            catch (PgbRequestFailedException) when (attempt < _retry.MaxRetries && _retry.ShouldRetry(method, null))
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
        if (authenticate) _credential?.Apply(request);
        if (body is not null) request.Content = body();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await _http.SendAsync(request, completion, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is HttpRequestException || ex is OperationCanceledException || ex is IOException))
        {
            var reason = ex is OperationCanceledException ? $"timed out after {timeout.TotalSeconds:0.#} s" : Flatten(ex);
            throw new PgbRequestFailedException(0, reason, method.Method, Describe(uri), ex);
        }
    }

    private static T ParseSuccess<T>(HttpMethod method, Uri uri, int status, string text)
    {
        JToken token;
        try
        {
            token = string.IsNullOrWhiteSpace(text) ? JValue.CreateNull() : JToken.Parse(text);
        }
        catch (JsonException)
        {
            throw new PgbRequestFailedException(status, "the answer is not JSON: " + Snippet(text), method.Method, Describe(uri));
        }

        // The service sometimes answered {"error":...} with a success status.
        if (token is JObject obj && obj.Count == 1 && obj["error"] is JValue { Type: JTokenType.String } error)
            throw new PgbRequestFailedException(status, (string?)error, method.Method, Describe(uri));

        if (typeof(T) == typeof(JToken)) return (T)(object)token;
        try
        {
            return token.ToObject<T>() ?? throw new JsonSerializationException("empty answer");
        }
        catch (JsonException ex)
        {
            throw new PgbRequestFailedException(status, $"the answer does not have the expected shape ({ex.Message})", method.Method, Describe(uri), ex);
        }
    }

    /// <summary>The service's <c>error</c> text, or a short description of a non-JSON page (a front end's HTML 504).</summary>
    internal static string ErrorText(HttpResponseMessage response, string body)
    {
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                if (JToken.Parse(body) is JObject obj && obj["error"] is JToken error && error.Type != JTokenType.Null)
                    return error.Type == JTokenType.String ? (string)error! : error.ToString(Formatting.None);
            }
            catch (JsonException)
            {
                // Not JSON: fall through to the reason phrase.
            }
        }

        var reason = string.IsNullOrEmpty(response.ReasonPhrase) ? ((HttpStatusCode)(int)response.StatusCode).ToString() : response.ReasonPhrase;
        var text = TextOf(body);
        return string.IsNullOrWhiteSpace(text) ? reason! : $"{reason} ({Snippet(text)})";
    }

    private static readonly Regex MarkupBlocks = new(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex MarkupTags = new(@"<[^>]*>", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    /// <summary>An HTML (or XML) error page as its text: a person reads "502 Bad Gateway", not tags and styles.</summary>
    private static string TextOf(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || !body.TrimStart().StartsWith("<", StringComparison.Ordinal)) return body;
        var text = MarkupTags.Replace(MarkupBlocks.Replace(body, " "), " ");
        return WebUtility.HtmlDecode(text);
    }

    private static string Describe(Uri uri) => PgbRedaction.Redact(uri);

    private static string Snippet(string text)
    {
        var oneLine = string.Join(" ", text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return PgbRedaction.Redact(oneLine.Length > 120 ? oneLine.Substring(0, 120) + "..." : oneLine);
    }

    private static string Flatten(Exception ex)
    {
        var messages = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
            if (!messages.Contains(e.Message)) messages.Add(e.Message);
        return PgbRedaction.Redact(string.Join(" ", messages));
    }
}
