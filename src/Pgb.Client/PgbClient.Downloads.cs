using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pgb.Client;

public sealed partial class PgbClient
{
    /// <summary>
    /// <c>GET /api/v1/apps/:id/:platform</c>: the service answers 302 with <c>{"location":...}</c> (and a
    /// Location header); returns that location, resolved against the server URL.
    /// </summary>
    public async Task<Uri> GetDownloadLocationAsync(int appId, string platform, CancellationToken cancellationToken = default) =>
        await GetLocationAsync(Api($"apps/{appId}/{Uri.EscapeDataString(platform)}"), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// <c>GET /api/v1/apps/:id/icon</c>: like a download, a 302 with <c>{"location":...}</c>; returns that location.
    /// </summary>
    public async Task<Uri> GetIconLocationAsync(int appId, CancellationToken cancellationToken = default) =>
        await GetLocationAsync(Api($"apps/{appId}/icon"), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Downloads a platform's package to <paramref name="destinationPath"/>: reads the 302 itself, fetches the
    /// location without credentials, streams it to a temporary file beside the destination, checks it is not
    /// an error body and has the announced length, then renames it. A failed download leaves no file behind.
    /// </summary>
    public async Task<PgbDownloadResult> DownloadAsync(int appId, string platform, string destinationPath,
        IProgress<PgbTransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(destinationPath))
        {
            throw new ArgumentException("No destination path given.", nameof(destinationPath));
        }

        for (var attempt = 0; ; attempt++)
        {
            // A fresh location each time: storage links of the hosted service were signed and could expire.
            var location = await GetDownloadLocationAsync(appId, platform, cancellationToken).ConfigureAwait(false);
            try
            {
                return await DownloadFromLocationAsync(location, destinationPath, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (PgbRequestFailedException ex) when (ex.Interrupted && attempt < _retry.MaxRetries && _retry.ShouldRetry(HttpMethod.Get, ex))
            {
                // The body broke off or stalled: the package is still there and a GET is safe to repeat, so fetch it
                // again from the start rather than fail a build that is done on a dropped connection.
                await Task.Delay(_retry.DelayFor(attempt, null), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>How many redirects of the storage host itself (http to https, a region move) are followed.</summary>
    private const int MaxStorageRedirects = 5;

    /// <summary>
    /// <c>"location" : "URL"</c> in a body that is not JSON. The v1 API docs' own examples print
    /// <c>{"location":""http://...}</c>, a doubled quote that makes them invalid JSON.
    /// </summary>
    private static readonly Regex LocationInText = new(@"""location""\s*:\s*""+\s*(?<url>[^""\s]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private async Task<Uri> GetLocationAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, uri, null, _options.RequestTimeout, authenticate: true,
            HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var text = await ReadTextAsync(response.Content).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status >= 400)
        {
            throw Failure(status, ErrorText(response, text, _secrets.Current), "GET", uri);
        }

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

    private async Task<PgbDownloadResult> DownloadFromLocationAsync(Uri location, string destinationPath, IProgress<PgbTransferProgress>? progress, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(destinationPath);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial");

        var (response, source) = await GetFromStorageAsync(location, cancellationToken).ConfigureAwait(false);
        using var _ = response;
        var status = (int)response.StatusCode;
        if (status != 200)
        {
            var text = await ReadErrorTextAsync(response.Content, cancellationToken).ConfigureAwait(false);
            throw Failure(status, ErrorText(response, text, _secrets.Current), "GET", source);
        }

        var expected = response.Content.Headers.ContentLength;
        try
        {
            long written;
            string sha256;
            using (var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            using (var hash = SHA256.Create())
            {
                written = await CopyWithStallTimeoutAsync(body, target, hash, source, expected, progress, cancellationToken).ConfigureAwait(false);
                hash.TransformFinalBlock([], 0, 0);
                sha256 = ToHex(hash.Hash!);
                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (expected is { } length && length != written)
            {
                throw Failure(200, $"the download ended after {written} of {length} bytes", "GET", source);
            }

            if (written < MaxErrorBodyBytes)
            {
                ThrowIfErrorBody(temporary, source);
            }

            // Replace in one step where the destination exists, so a reader never finds it missing.
            if (File.Exists(fullPath))
            {
                File.Replace(temporary, fullPath, null);
            }
            else
            {
                File.Move(temporary, fullPath);
            }

            return new PgbDownloadResult(fullPath, written, sha256, location);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// GET on the storage host, never with our credentials, following its own redirects (an http URL that
    /// moved to https, S3's 307 to another region): the handler does not, so that the API's 302 is read here.
    /// Returns the answer that is not a redirect and the URL that gave it.
    /// </summary>
    private async Task<(HttpResponseMessage Response, Uri Url)> GetFromStorageAsync(Uri location, CancellationToken cancellationToken)
    {
        var current = location;
        for (var hops = 0; ; hops++)
        {
            var response = await SendRawAsync(HttpMethod.Get, current, null, _options.RequestTimeout, authenticate: false,
                HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (!IsRedirect(status))
            {
                return (response, current);
            }

            using (response)
            {
                // The raw text, resolved against where we are: "/x" in a header parses as a file path on Unix.
                var next = response.Headers.Location?.OriginalString;
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
    /// A storage that fails may answer 200 with <c>{"error":...}</c>, which must never be saved as the app. The media type cannot be
    /// trusted to say JSON, but no package starts with <c>{</c> (apk, ipa, xap and wgz are zips, ipk an ar
    /// archive, jad "MIDlet-" text), so a small body that is a JSON object with an error is refused.
    /// </summary>
    private void ThrowIfErrorBody(string path, Uri location)
    {
        var bytes = File.ReadAllBytes(path);
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
            // Starts like JSON but is not: keep the bytes, the package is what it is.
        }
    }

    private async Task<long> CopyWithStallTimeoutAsync(Stream source, Stream target, HashAlgorithm hash, Uri location, long? expected,
        IProgress<PgbTransferProgress>? progress, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        while (true)
        {
            int read;
            using (var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                stall.CancelAfter(_options.DownloadStallTimeout);
                try
                {
                    read = await source.ReadAsync(buffer, 0, buffer.Length, stall.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw Failure(0, $"the download stalled: no data for {_options.DownloadStallTimeout.TotalSeconds:0.#} s after {total} bytes", "GET", location, ex, interrupted: true);
                }
                catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
                {
                    // Reading the network failed (reset, truncated): an answer problem, not a local disk one.
                    throw Failure(0, $"the download broke off after {total} bytes: {Flatten(ex)}", "GET", location, ex, interrupted: true);
                }
            }

            if (read == 0)
            {
                return total;
            }

            hash.TransformBlock(buffer, 0, read, null, 0);
            await target.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
            total += read;
            progress?.Report(new PgbTransferProgress(total, expected));
        }
    }

    private static string ToHex(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            chars[(2 * i) + 1] = "0123456789abcdef"[bytes[i] & 0xF];
        }

        return new string(chars);
    }
}
