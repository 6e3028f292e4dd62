using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Pgb.Client;

public sealed partial class PgbClient
{
    /// <summary>
    /// <c>GET /api/v1/apps/:id/:platform</c>: the service answers 302 with <c>{"location":...}</c> (and a
    /// Location header); returns that location, resolved against the server URL.
    /// </summary>
    public async Task<Uri> GetDownloadLocationAsync(int appId, string platform, CancellationToken cancellationToken = default)
    {
        using var budget = NewBudget(cancellationToken);
        return await GetLocationAsync(Api($"apps/{appId}/{Uri.EscapeDataString(platform)}"), budget, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /api/v1/apps/:id/icon</c>: like a download, a 302 with <c>{"location":...}</c>; returns that location.
    /// </summary>
    public async Task<Uri> GetIconLocationAsync(int appId, CancellationToken cancellationToken = default)
    {
        using var budget = NewBudget(cancellationToken);
        return await GetLocationAsync(Api($"apps/{appId}/icon"), budget, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads a platform's package to <paramref name="destinationPath"/>: reads the 302 itself, fetches the location
    /// without credentials into a temporary file beside the destination, checks that what arrived is a package of the
    /// announced length, then renames it. A body that breaks off or stalls is resumed where it stopped (a <c>Range</c>
    /// request with <c>If-Range</c>, when the storage sent an ETag or Last-Modified; otherwise it starts over), and
    /// the retries are granted again each time the download gets further: only one that stops getting further fails.
    /// A failed download leaves no file behind.
    /// </summary>
    public async Task<PgbDownloadResult> DownloadAsync(int appId, string platform, string destinationPath,
        IProgress<PgbTransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(destinationPath))
        {
            throw new ArgumentException("No destination path given.", nameof(destinationPath));
        }

        return await DownloadFromApiAsync(Api($"apps/{appId}/{Uri.EscapeDataString(platform)}"), platform, destinationPath, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The download behind <see cref="DownloadAsync"/> from any API URL that answers with a redirect (v1's icon, v0's
    /// packages); <paramref name="platform"/> says what the file must look like (a zip for android, ios...).
    /// </summary>
    internal async Task<PgbDownloadResult> DownloadFromApiAsync(Uri api, string platform, string destinationPath, IProgress<PgbTransferProgress>? progress,
        CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(destinationPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        using var budget = NewBudget(cancellationToken);
        using var file = new PartialFile(fullPath);
        var download = new StorageDownload(file);
        var (location, source) = await WithRetriesAsync(budget, repeatable: true, async () =>
        {
            // A fresh location each time: storage links of the hosted service were signed and could expire.
            var location = await GetLocationAsync(api, budget, cancellationToken).ConfigureAwait(false);
            var source = await FetchAsync(location, download, budget, progress, cancellationToken).ConfigureAwait(false);
            return (location, source);
        }, cancellationToken).ConfigureAwait(false);

        await CheckPackageAsync(file, platform, source).ConfigureAwait(false);
        var sha256 = await file.FinishAsync(cancellationToken).ConfigureAwait(false);
        var length = file.Length;
        file.Commit(fullPath);
        return new PgbDownloadResult(fullPath, length, sha256, location);
    }

    /// <summary>How many redirects of the storage host itself (http to https, a region move) are followed.</summary>
    private const int MaxStorageRedirects = 5;

    /// <summary>
    /// <c>"location" : "URL"</c> in a body that is not JSON. The v1 API docs' own examples print
    /// <c>{"location":""http://...}</c>, a doubled quote that makes them invalid JSON.
    /// </summary>
    private static readonly Regex LocationInText = new(@"""location""\s*:\s*""+\s*(?<url>[^""\s]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private Task<Uri> GetLocationAsync(Uri uri, RetryBudget budget, CancellationToken cancellationToken) =>
        WithRetriesAsync(budget, repeatable: true, async () =>
        {
            using var attempt = await SendOnceAsync(HttpMethod.Get, uri, null, authenticate: true, budget, null, null, cancellationToken).ConfigureAwait(false);
            var (status, text) = await attempt.ReadAnswerAsync(cancellationToken).ConfigureAwait(false);
            return ReadLocation(attempt.Response, status, text, uri);
        }, cancellationToken);

    private Uri ReadLocation(HttpResponseMessage response, int status, string text, Uri uri)
    {
        string? location = null;
        JToken? json = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                json = JToken.Parse(text);
            }
        }
        catch (JsonException)
        {
            // Not JSON: look for the location in the text, then in the Location header.
            location = LocationInText.Match(text) is { Success: true } match ? match.Groups["url"].Value : null;
        }

        if (json is JObject obj)
        {
            if (obj["error"] is JValue { Type: JTokenType.String } error)
            {
                throw Failure(status, (string?)error, "GET", uri);
            }

            location = obj["location"] is JValue { Type: JTokenType.String } value ? (string?)value : null;
        }

        location ??= response.Headers.Location?.OriginalString;
        if (status < 300 || status >= 400 || string.IsNullOrWhiteSpace(location))
        {
            throw Failure(status, "expected a redirect with a location, got " + (string.IsNullOrWhiteSpace(text) ? "an empty body" : Snippet(text, _secrets.Current)), "GET", uri);
        }

        // Tolerate stray quotes and spaces around the value, as in the v1 API docs' examples.
        location = location!.Trim().Trim('"').Trim();
        if (!Uri.TryCreate(ServerUrl, location, out var resolved) || !IsHttp(resolved))
        {
            throw Failure(status, "the redirect location is not an http(s) URL: " + PgbRedaction.Redact(location), "GET", uri);
        }

        return resolved;
    }

    private static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    private static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

    /// <summary>
    /// One attempt at the storage: asks for the rest of the package when it can resume, appends a 206 to what is
    /// there, starts over on a 200, and copies the body. Returns the URL that answered (after the storage's own redirects).
    /// </summary>
    private async Task<Uri> FetchAsync(Uri location, StorageDownload download, RetryBudget budget, IProgress<PgbTransferProgress>? progress, CancellationToken cancellationToken)
    {
        using var attempt = await GetFromStorageAsync(location, download.AskForTheRest, budget, cancellationToken).ConfigureAwait(false);
        var source = attempt.Uri;
        var status = attempt.Status;
        if (status == 416)
        {
            // The range is past the end although the validator matched: the next attempt asks for the whole package.
            download.Forget();
            throw Failure(status, $"the storage cannot send the bytes from {download.File.Length} (416)", "GET", source, interrupted: true);
        }

        if (status >= 400)
        {
            throw await attempt.ErrorAsync(cancellationToken).ConfigureAwait(false);
        }

        var file = download.File;
        if (status == 200)
        {
            if (file.Length > 0)
            {
                file.StartOver();
            }

            download.Remember(attempt.Response, attempt.Response.Content?.Headers.ContentLength);
        }
        else if (status == 206)
        {
            var range = attempt.Response.Content?.Headers.ContentRange;
            if (range?.From != file.Length || (range.Length is { } whole && download.Total is { } known && whole != known))
            {
                download.Forget();
                throw Failure(status, $"the storage answered the range {range?.ToString() ?? "(none)"} to a request for the bytes from {file.Length}", "GET", source,
                    interrupted: true);
            }

            download.Resumed(range.Length);
        }
        else
        {
            throw Failure(status, "expected the package (200 or 206)", "GET", source);
        }

        await attempt.CopyBodyAsync(async (bytes, count) =>
        {
            await file.WriteAsync(bytes, count, cancellationToken).ConfigureAwait(false);
            budget.Reached(file.Length);
            progress?.Report(new PgbTransferProgress(file.Length, download.Total));
        }, cancellationToken, file.Length).ConfigureAwait(false);

        if (download.Total is { } total && file.Length != total)
        {
            var what = file.Length < total
                ? $"the download ended after {file.Length} of {total} bytes"
                : $"the download is longer than announced: {file.Length} bytes, not {total}";
            if (file.Length > total)
            {
                throw Failure(status, what, "GET", source);
            }

            throw Failure(0, what, "GET", source, interrupted: true);
        }

        return source;
    }

    /// <summary>
    /// GET on the storage host, never with our credentials, following its own redirects (an http URL that moved to
    /// https, S3's 307 to another region): the handler does not, so that the API's 302 is read here. One attempt: the
    /// download's loop retries. Returns the answer that is not a redirect.
    /// </summary>
    private async Task<Attempt> GetFromStorageAsync(Uri location, Action<HttpRequestMessage> prepare, RetryBudget budget, CancellationToken cancellationToken)
    {
        var current = location;
        for (var hops = 0; ; hops++)
        {
            var attempt = await SendOnceAsync(HttpMethod.Get, current, null, authenticate: false, budget, null, prepare, cancellationToken).ConfigureAwait(false);
            var status = attempt.Status;
            if (!IsRedirect(status))
            {
                return attempt;
            }

            using (attempt)
            {
                // The raw text, resolved against where we are: "/x" in a header parses as a file path on Unix.
                var next = attempt.Response.Headers.Location?.OriginalString;
                if (string.IsNullOrWhiteSpace(next))
                {
                    throw Failure(status, "the storage answered a redirect without a location", "GET", current);
                }

                if (hops >= MaxStorageRedirects)
                {
                    throw Failure(status, $"the storage redirected more than {MaxStorageRedirects} times", "GET", current);
                }

                if (!Uri.TryCreate(current, next, out var target) || !IsHttp(target))
                {
                    throw Failure(status, "the storage's redirect location is not an http(s) URL: " + PgbRedaction.Redact(next), "GET", current);
                }

                current = target;
            }
        }
    }

    /// <summary>
    /// Refuses what cannot be the package before it is kept: nothing at all; a JSON error (a storage that fails may
    /// answer 200 with <c>{"error":...}</c>; no package starts with <c>{</c>); or, where the platform's package is
    /// a zip (apk, ipa, xap, wgz), a file that does not start like one.
    /// </summary>
    private async Task CheckPackageAsync(PartialFile file, string platform, Uri source)
    {
        if (file.Length == 0)
        {
            throw Failure(200, "the storage sent an empty package", "GET", source, kind: PgbFailureKind.InvalidPackage);
        }

        if (file.Length < MaxErrorBodyBytes)
        {
            var bytes = await file.ReadStartAsync(MaxErrorBodyBytes).ConfigureAwait(false);
            ThrowIfErrorBody(bytes, source);
        }

        if (PgbPlatforms.IsZipPackage(platform))
        {
            var start = await file.ReadStartAsync(4).ConfigureAwait(false);
            if (!(start.Length == 4 && start[0] == (byte)'P' && start[1] == (byte)'K' && start[2] == 3 && start[3] == 4))
            {
                throw Failure(200, $"the {PgbPlatforms.ExtensionOf(platform)} package is not a zip archive ({file.Length} bytes that start with {Describe(start)})", "GET", source,
                    kind: PgbFailureKind.InvalidPackage);
            }
        }
    }

    /// <summary>A small body that is a JSON object with an error is the storage's failure, never the app.</summary>
    private void ThrowIfErrorBody(byte[] bytes, Uri location)
    {
        var text = Decode(bytes, bytes.Length, null).TrimStart();
        if (!text.StartsWith("{", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            if (JToken.Parse(text) is JObject obj && obj["error"] is JToken error)
            {
                throw Failure(200, "the storage answered an error instead of a package: " + (error.Type == JTokenType.String ? (string?)error : error.ToString(Formatting.None)), "GET", location);
            }
        }
        catch (JsonException)
        {
            // Starts like JSON but is not: the checks that follow decide.
        }
    }

    /// <summary>The first bytes of a file for a message: text when they read as text, hex otherwise.</summary>
    private static string Describe(byte[] start)
    {
        if (start.All(b => b >= 0x20 && b < 0x7F))
        {
            return "'" + System.Text.Encoding.ASCII.GetString(start) + "'";
        }

        return "0x" + Hex.Lower(start);
    }

    /// <summary>
    /// What a download knows between its attempts: the file so far, the length of the whole package, and the validator
    /// (a strong ETag, else Last-Modified) that lets it ask for the rest of the same package with <c>If-Range</c>.
    /// </summary>
    private sealed class StorageDownload(PartialFile file)
    {
        private RangeConditionHeaderValue? _validator;

        public PartialFile File => file;

        /// <summary>The whole package's length, when the storage said it.</summary>
        public long? Total { get; private set; }

        /// <summary>
        /// A Range from where the file ends, valid only for the same package (If-Range), when there is something to
        /// resume and a validator to resume it with; without one the storage sends all of it again.
        /// </summary>
        public void AskForTheRest(HttpRequestMessage request)
        {
            if (file.Length > 0 && _validator is not null)
            {
                request.Headers.Range = new RangeHeaderValue(file.Length, null);
                request.Headers.IfRange = _validator;
            }
        }

        /// <summary>A 200: the whole package, whose validator and length are now the ones to resume with.</summary>
        public void Remember(HttpResponseMessage response, long? length)
        {
            Total = length;
            _validator = response.Headers.ETag is { IsWeak: false } etag ? new RangeConditionHeaderValue(etag)
                : response.Content?.Headers.LastModified is { } modified ? new RangeConditionHeaderValue(modified)
                : null;
        }

        /// <summary>A 206 that goes on from where the file ends.</summary>
        public void Resumed(long? length) => Total ??= length;

        /// <summary>Resuming is off: the next attempt asks for the whole package (and the file starts over when it comes).</summary>
        public void Forget() => _validator = null;
    }
}
