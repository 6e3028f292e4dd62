namespace Pgb.Client;

/// <summary>
/// The few request shapes the calls beyond the pipeline's need (the collaborators, icons, links, extensions and the
/// v0 client), on top of the transport: every call in those files goes through here, so the transport can change
/// under them in one place.
/// </summary>
public sealed partial class PgbClient
{
    /// <summary>A GET of a JSON answer.</summary>
    internal Task<T> GetJsonAsync<T>(Uri uri, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, uri, null, cancellationToken);

    /// <summary>A write with <c>data=JSON</c> url-encoded, as the API docs' <c>curl -d</c> examples send it, or an empty body.</summary>
    internal Task<T> SendDataAsync<T>(HttpMethod method, Uri uri, string? dataJson, CancellationToken cancellationToken) =>
        SendAsync<T>(method, uri, dataJson is null ? EmptyBody : _ => FormData(dataJson), cancellationToken);

    /// <summary>A DELETE; returns the service's <c>success</c> text (null when it sent none).</summary>
    internal async Task<string?> DeleteAsync(Uri uri, CancellationToken cancellationToken) =>
        SuccessText(await SendAsync<JToken>(HttpMethod.Delete, uri, null, cancellationToken).ConfigureAwait(false));

    /// <summary>A multipart upload: the optional <c>data</c> part, then each file streamed from disk under its part name.</summary>
    internal Task<T> SendFilesAsync<T>(HttpMethod method, Uri uri, string? dataJson, IReadOnlyList<(string Name, string Path)> files, CancellationToken cancellationToken) =>
        SendAsync<T>(method, uri, read => Multipart(dataJson, files, read), cancellationToken, upload: true);

    /// <summary>
    /// Like <see cref="SendDataAsync{T}"/>, and tells which success status came back: the collaborator calls answer
    /// 201 (the person has an account) or 202 (an invitation is pending) with the same body.
    /// </summary>
    internal async Task<(int Status, T Value)> SendDataWithStatusAsync<T>(HttpMethod method, Uri uri, string dataJson, CancellationToken cancellationToken)
    {
        using var budget = NewBudget(cancellationToken);
        return await WithRetriesAsync(budget, RetryPolicy.CanRepeat(method), async () =>
        {
            using var attempt = await SendOnceAsync(method, uri, _ => FormData(dataJson), authenticate: true, budget, null, null, cancellationToken).ConfigureAwait(false);
            var (status, text) = await attempt.ReadAnswerAsync(cancellationToken).ConfigureAwait(false);
            if (status < 200 || status >= 300)
            {
                throw Failure(status, ErrorText(attempt.Response, text, _secrets.Current), method.Method, uri);
            }

            return (status, ParseSuccess<T>(method, uri, status, text, _secrets.Current));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An authenticated GET whose answer is the file itself (v0's icon) or a redirect to it (v1's icon and packages):
    /// the file is saved through a temporary name, as downloads are, and never left half written.
    /// </summary>
    internal async Task<PgbDownloadResult> DownloadFileOrRedirectAsync(Uri uri, string destinationPath, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(destinationPath))
        {
            throw new ArgumentException("No destination path given.", nameof(destinationPath));
        }

        using (var budget = NewBudget(cancellationToken))
        {
            var bytes = await WithRetriesAsync(budget, repeatable: true, async () =>
            {
                using var attempt = await SendOnceAsync(HttpMethod.Get, uri, null, authenticate: true, budget, null, null, cancellationToken).ConfigureAwait(false);
                if (attempt.Status != 200 || IsJson(attempt.Response))
                {
                    // An error status throws here; a redirect (or a JSON answer naming the location) is followed below.
                    _ = await attempt.ReadAnswerAsync(cancellationToken).ConfigureAwait(false);
                    return null;
                }

                var buffer = new MemoryStream();
                await attempt.CopyBodyAsync((chunk, count) =>
                {
                    if (buffer.Length + count > MaxAnswerBytes)
                    {
                        throw Failure(200, $"the file is larger than {MaxAnswerBytes / (1024 * 1024)} MB", "GET", uri);
                    }

                    buffer.Write(chunk, 0, count);
                    return Task.CompletedTask;
                }, cancellationToken).ConfigureAwait(false);
                return buffer.ToArray();
            }, cancellationToken).ConfigureAwait(false);
            if (bytes is not null)
            {
                var fullPath = Path.GetFullPath(destinationPath);
                Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
                var sha256 = await PartialFile.SaveAsync(fullPath, bytes, cancellationToken).ConfigureAwait(false);
                return new PgbDownloadResult(fullPath, bytes.LongLength, sha256, uri);
            }
        }

        // Asked again and followed, rare enough not to keep the first answer.
        return await DownloadRedirectAsync(uri, destinationPath, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A GET answered with a redirect to a file (an icon, a v0 package): the location is read and fetched without our credentials.</summary>
    internal Task<PgbDownloadResult> DownloadRedirectAsync(Uri uri, string destinationPath, CancellationToken cancellationToken) =>
        DownloadRedirectAsync(uri, "icon", destinationPath, cancellationToken);

    /// <summary><see cref="DownloadRedirectAsync(Uri, string, CancellationToken)"/> of a platform's package, checked as one.</summary>
    internal Task<PgbDownloadResult> DownloadRedirectAsync(Uri uri, string platform, string destinationPath, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(destinationPath))
        {
            throw new ArgumentException("No destination path given.", nameof(destinationPath));
        }

        return DownloadFromApiAsync(uri, platform, destinationPath, null, cancellationToken);
    }

    /// <summary>Key passwords a call is about to send, scrubbed from every error from now on.</summary>
    internal void RegisterSecrets(IEnumerable<string?> passwords) => RegisterPasswords(passwords);

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is { } type && type.EndsWith("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>success</c> text of a delete answer (<c>{"success":"app 8 deleted"}</c>).</summary>
    internal static string? SuccessText(JToken answer) => answer is JObject obj ? Models.JsonText.StringOrNull(obj["success"]) : null;

    /// <summary>An answer that may hold an app (a 202 of a queued build) read as one; null when it is empty.</summary>
    private static Models.PgbApp? AppOrNull(JToken answer, Uri uri) =>
        answer is JObject { Count: > 0 } obj ? ParseSuccess<Models.PgbApp>(HttpMethod.Post, uri, 202, obj.ToString(Newtonsoft.Json.Formatting.None)) : null;
}
