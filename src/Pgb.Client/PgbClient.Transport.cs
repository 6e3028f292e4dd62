using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Pgb.Client;

public sealed partial class PgbClient
{
    /// <summary>At most this much of an error body is read: it only feeds a message, and a broken host may send without end.</summary>
    internal const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>At most this much of an API answer is read (an app listing of a large account is a few hundred KB).</summary>
    internal const int MaxAnswerBytes = 16 * 1024 * 1024;

    /// <summary>Bodies larger than this wait for <c>100 Continue</c> (curl's threshold, and the most a server reads of a
    /// body it refuses).</summary>
    internal const long ExpectContinueAbove = 1024 * 1024;

    /// <summary>
    /// How long one call (retries included) may go without a byte moving: three request timeouts, so that a server that
    /// accepts connections and never answers fails a step in three minutes by default.
    /// </summary>
    private TimeSpan CallLimit => Timeouts.Times(_options.RequestTimeout, 3);

    private RetryBudget NewBudget(CancellationToken cancellationToken) => new(_retry, CallLimit, cancellationToken);

    /// <summary>Sends a request (again, on transient failures) and reads a JSON answer.</summary>
    /// <param name="body">Makes the body, once per attempt; it reports the bytes it reads from files (uploads) to the given callback.</param>
    /// <param name="repeatable">Whether sending it twice is harmless; null: by its method (see <see cref="RetryPolicy.CanRepeat"/>).</param>
    /// <param name="upload">An upload: each attempt may take <see cref="PgbClientOptions.UploadTimeout"/> in all.</param>
    private async Task<T> SendAsync<T>(HttpMethod method, Uri uri, Func<Action<int>, HttpContent>? body, CancellationToken cancellationToken,
        bool? repeatable = null, bool upload = false)
    {
        using var budget = NewBudget(cancellationToken);
        return await WithRetriesAsync(budget, repeatable ?? RetryPolicy.CanRepeat(method), async () =>
        {
            using var attempt = await SendOnceAsync(method, uri, body, authenticate: true, budget, upload ? _options.UploadTimeout : null, prepare: null, cancellationToken).ConfigureAwait(false);
            var (status, text) = await attempt.ReadAnswerAsync(cancellationToken).ConfigureAwait(false);
            if (status < 200 || status >= 300)
            {
                // A redirect (an http:// URL of a server that moved to https://): not the API's answer.
                throw Failure(status, ErrorText(attempt.Response, text, _secrets.Current), method.Method, uri);
            }

            return ParseSuccess<T>(method, uri, status, text, _secrets.Current);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds, fails for good, or <paramref name="budget"/> is spent; waits
    /// between attempts as <see cref="RetryPolicy"/> says (a <c>Retry-After</c> wins, up to the cap). The last failure is thrown.
    /// </summary>
    private async Task<T> WithRetriesAsync<T>(RetryBudget budget, bool repeatable, Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan delay;
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (PgbRequestFailedException ex) when (cancellationToken.IsCancellationRequested)
            {
                // The caller stopped the call while this attempt failed: that is how the call ends, not the failure it
                // can no longer retry.
                throw new OperationCanceledException(ex.Message, ex, cancellationToken);
            }
            catch (PgbRequestFailedException ex) when (_retry.ShouldRetry(repeatable, ex) && budget.TryRetry(delay = _retry.DelayFor(budget.FailuresInARow, ex.RetryAfter)))
            {
                // Retried below, outside the catch block.
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One attempt: sends the request and waits for the answer's headers, within the attempt's limits. The answer's
    /// body is read through the returned <see cref="Attempt"/>, still timed; the caller disposes it. A missing answer
    /// (refused, reset, silent) is a <see cref="PgbRequestFailedException"/> with status 0.
    /// </summary>
    /// <param name="uploadTimeout">The limit of the whole attempt (an upload's); null for none.</param>
    /// <param name="prepare">Adds headers (a download's Range).</param>
    private async Task<Attempt> SendOnceAsync(HttpMethod method, Uri uri, Func<Action<int>, HttpContent>? body, bool authenticate, RetryBudget budget,
        TimeSpan? uploadTimeout, Action<HttpRequestMessage>? prepare, CancellationToken cancellationToken)
    {
        var timer = new AttemptTimer(_options.RequestTimeout, uploadTimeout, budget);
        var request = new HttpRequestMessage(method, uri);
        long sent = 0;
        try
        {
            request.Headers.Accept.ParseAdd("application/json");
            if (authenticate)
            {
                _credential?.Apply(request);
            }

            if (body is not null)
            {
                request.Content = body(read =>
                {
                    sent += read;
                    timer.Touch();
                    budget.Reached(sent);
                });
            }

            if (request.Content?.Headers.ContentLength > ExpectContinueAbove)
            {
                // A large body waits for the server's go-ahead: a server that refuses it (a wrong token, a body over its
                // limit) then answers 401 or 413 at once, where it would otherwise close the connection on a body it will
                // not read, and the refusal would reach us as a reset. A small one goes with the headers, as curl does:
                // the extra round trip would only add a wait a server's slow-client limits may count against it.
                request.Headers.ExpectContinue = true;
            }

            prepare?.Invoke(request);
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timer.Token).ConfigureAwait(false);
            return new Attempt(this, request, response, timer, method.Method, uri);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is HttpRequestException || ex is OperationCanceledException || ex is IOException))
        {
            var failure = NoAnswer(ex, timer, method.Method, uri, sent);
            request.Dispose();
            timer.Dispose();
            throw failure;
        }
        catch
        {
            request.Dispose();
            timer.Dispose();
            throw;
        }
    }

    /// <summary>What a request that got no answer failed of: its limits, no connection, or a connection that dropped.</summary>
    private PgbRequestFailedException NoAnswer(Exception ex, AttemptTimer timer, string method, Uri uri, long bytesSent)
    {
        var sending = bytesSent > 0 ? $", after sending {bytesSent} bytes of the request body" : string.Empty;
        if (ex is OperationCanceledException)
        {
            var reason = timer.Reason switch
            {
                TimeLimit.Total => $"the upload took longer than {Timeouts.Describe(timer.TotalTimeout ?? Timeout.InfiniteTimeSpan)}{sending}",
                TimeLimit.Budget => $"gave up after {Timeouts.Describe(CallLimit)} with no byte moving, retries included{sending}",
                _ => $"nothing for {Timeouts.Describe(timer.IdleTimeout)}{sending}",
            };
            return Failure(0, reason, method, uri, ex, kind: PgbFailureKind.TimedOut);
        }

        var kind = ConnectionFailure.Classify(ex);
        var prefix = kind == PgbFailureKind.UnexpectedAnswer ? "the answer is not HTTP: " : string.Empty;
        return Failure(0, prefix + Flatten(ex) + sending, method, uri, ex, kind: kind);
    }

    /// <summary>The one way this client makes its exception: the URL is described without the token, and its own secrets are scrubbed from the text.</summary>
    private PgbRequestFailedException Failure(int status, string? message, string method, Uri uri, Exception? innerException = null, bool interrupted = false,
        PgbFailureKind? kind = null, RetryConditionHeaderValue? retryAfter = null) =>
        new(status, message, method, Describe(uri), innerException, _secrets.Current, interrupted, kind) { RetryAfter = retryAfter };

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
            var what = ErrorPage.IsMarkup(text) ? "the answer is a page, not JSON: " : "the answer is not JSON: ";
            throw new PgbRequestFailedException(status, what + Snippet(text, secrets), method.Method, Describe(uri), null, secrets);
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
            throw new PgbRequestFailedException(status, $"the answer does not have the expected shape ({FirstSentence(ex.Message)})", method.Method, Describe(uri), ex, secrets);
        }
    }

    /// <summary>The service's <c>error</c> text, or a short description of a page that is not JSON (a front end's HTML 504: its title).</summary>
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
        var page = ErrorPage.Summarize(body, secrets);
        return page.Length == 0 || string.Equals(page, reason, StringComparison.OrdinalIgnoreCase) ? reason : $"{reason} ({page})";
    }

    /// <summary>A parser's message up to its first full stop: Newtonsoft's go on for lines about attributes to add.</summary>
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message.Substring(0, end);
    }

    private static string ReasonOf(HttpResponseMessage response) =>
        string.IsNullOrEmpty(response.ReasonPhrase) ? ((HttpStatusCode)(int)response.StatusCode).ToString() : response.ReasonPhrase!;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// A body as text. A byte-order mark wins (as in ReadAsStringAsync); then a charset .NET knows; else UTF-8, what
    /// JSON is. Not <c>ReadAsStringAsync</c>: it throws InvalidOperationException for a charset .NET does not know,
    /// which would escape as a second exception type.
    /// </summary>
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

    private static string Describe(Uri uri) => PgbRedaction.Redact(uri);

    /// <summary>
    /// A body for a message: a page as its title, other text as its start on one line, redacted before it is cut (a
    /// secret cut in half escapes both redactions).
    /// </summary>
    private static string Snippet(string text, IReadOnlyList<string> secrets) => ErrorPage.Summarize(text, secrets);

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
