using System.Security.Cryptography;
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
    /// Downloads a platform's package to <paramref name="destinationPath"/>: reads the 302 itself, fetches the
    /// location without credentials, streams it to a temporary file beside the destination, checks it is not
    /// an error body and has the announced length, then renames it. A failed download leaves no file behind.
    /// </summary>
    public async Task<PgbDownloadResult> DownloadAsync(int appId, string platform, string destinationPath,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(destinationPath)) throw new ArgumentException("No destination path given.", nameof(destinationPath));
        var location = await GetDownloadLocationAsync(appId, platform, cancellationToken).ConfigureAwait(false);
        return await DownloadFromLocationAsync(location, destinationPath, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Uri> GetLocationAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, uri, null, _options.RequestTimeout, authenticate: true,
            HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status >= 400)
            throw new PgbRequestFailedException(status, ErrorText(response, text), "GET", Describe(uri));

        string? location = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(text) && JToken.Parse(text) is JObject obj)
            {
                if (obj["error"] is JValue { Type: JTokenType.String } error)
                    throw new PgbRequestFailedException(status, (string?)error, "GET", Describe(uri));
                location = (string?)obj["location"];
            }
        }
        catch (JsonException)
        {
            // Not JSON: the Location header may still say where to go.
        }

        location ??= response.Headers.Location?.OriginalString;
        if (status < 300 || status >= 400 || string.IsNullOrWhiteSpace(location))
            throw new PgbRequestFailedException(status, "expected a redirect with a location, got " + (string.IsNullOrWhiteSpace(text) ? "an empty body" : Snippet(text)), "GET", Describe(uri));

        // The seeds even show a doubled quote inside the value: tolerate stray quotes and spaces.
        location = location!.Trim().Trim('"').Trim();
        if (!Uri.TryCreate(ServerUrl, location, out var resolved) || (resolved.Scheme != Uri.UriSchemeHttp && resolved.Scheme != Uri.UriSchemeHttps))
            throw new PgbRequestFailedException(status, "the redirect location is not an http(s) URL: " + PgbRedaction.Redact(location), "GET", Describe(uri));
        return resolved;
    }

    private async Task<PgbDownloadResult> DownloadFromLocationAsync(Uri location, string destinationPath, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(destinationPath);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial");

        // Storage lives on another host in the real service: never send it our credentials.
        using var response = await SendRawAsync(HttpMethod.Get, location, null, _options.RequestTimeout, authenticate: false,
            HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status != 200)
        {
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            throw new PgbRequestFailedException(status, ErrorText(response, text), "GET", Describe(location));
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
        var expected = response.Content.Headers.ContentLength;
        try
        {
            long written;
            string sha256;
            using (var source = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            using (var hash = SHA256.Create())
            {
                written = await CopyWithStallTimeoutAsync(source, target, hash, location, progress, cancellationToken).ConfigureAwait(false);
                hash.TransformFinalBlock([], 0, 0);
                sha256 = ToHex(hash.Hash!);
                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (expected is { } length && length != written)
                throw new PgbRequestFailedException(200, $"the download ended after {written} of {length} bytes", "GET", Describe(location));
            if (mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0 && written < 64 * 1024)
                ThrowIfErrorBody(temporary, location);

            if (File.Exists(fullPath)) File.Delete(fullPath);
            File.Move(temporary, fullPath);
            return new PgbDownloadResult(fullPath, written, sha256, location);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Users of the old tools found a 61-byte <c>{"error":...}</c> saved as their app: refuse that.</summary>
    private static void ThrowIfErrorBody(string path, Uri location)
    {
        var text = File.ReadAllText(path);
        try
        {
            if (JToken.Parse(text) is JObject obj && obj["error"] is JToken error)
                throw new PgbRequestFailedException(200, "the storage answered an error instead of a package: " + error, "GET", Describe(location));
        }
        catch (JsonException)
        {
            // JSON media type but not JSON: keep the bytes, the package is what it is.
        }
    }

    private async Task<long> CopyWithStallTimeoutAsync(Stream source, Stream target, HashAlgorithm hash, Uri location, IProgress<long>? progress, CancellationToken cancellationToken)
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
                    throw new PgbRequestFailedException(0, $"the download stalled: no data for {_options.DownloadStallTimeout.TotalSeconds:0.#} s after {total} bytes", "GET", Describe(location), ex);
                }
                catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
                {
                    // Reading the network failed (reset, truncated): an answer problem, not a local disk one.
                    throw new PgbRequestFailedException(0, $"the download broke off after {total} bytes: {Flatten(ex)}", "GET", Describe(location), ex);
                }
            }

            if (read == 0) return total;
            hash.TransformBlock(buffer, 0, read, null, 0);
            await target.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
            total += read;
            progress?.Report(total);
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
