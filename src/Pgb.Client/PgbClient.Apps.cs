namespace Pgb.Client;

/// <summary>The app calls beyond the pipeline's: metadata and a file in one PUT, one platform's build, icons, and the official CLI's extensions.</summary>
public sealed partial class PgbClient
{
    /// <summary>
    /// <c>PUT /api/v1/apps/:id</c> with the metadata in <c>data</c> and a new <c>file</c>, in one multipart request
    /// (the Write API: "the contents of the app, the app's metadata, or both").
    /// </summary>
    public Task<PgbApp> UpdateAppAsync(int appId, PgbAppUpdateOptions update, string archivePath, CancellationToken cancellationToken = default)
    {
        if (update is null)
        {
            throw new ArgumentNullException(nameof(update));
        }

        RequireFile(archivePath);
        return SendFilesAsync<PgbApp>(HttpMethod.Put, Api($"apps/{appId}"), Data(update), [("file", archivePath)], cancellationToken);
    }

    /// <summary><c>POST /api/v1/apps/:id/build/:platform</c> (202): queues one platform's build; returns the app as answered.</summary>
    public Task<PgbApp> BuildPlatformAsync(int appId, string platform, CancellationToken cancellationToken = default)
    {
        RequireSegment(platform, nameof(platform));
        return SendDataAsync<PgbApp>(HttpMethod.Post, Api($"apps/{appId}/build/{Uri.EscapeDataString(platform)}"), null, cancellationToken);
    }

    /// <summary>
    /// <c>POST /api/v1/apps/:id/icon</c> with a png as the <c>icon</c> part (201): the app is queued for building with it.
    /// Returns the app as answered.
    /// </summary>
    public Task<PgbApp> SetIconAsync(int appId, string pngPath, CancellationToken cancellationToken = default)
    {
        UploadFiles.Require(pngPath, "icon", nameof(pngPath));
        return SendFilesAsync<PgbApp>(HttpMethod.Post, Api($"apps/{appId}/icon"), null, [("icon", pngPath)], cancellationToken);
    }

    /// <summary>
    /// <c>GET /api/v1/apps/:id/icon</c>, then the icon from the location the 302 names (without our credentials), saved to
    /// <paramref name="destinationPath"/> through a temporary name.
    /// </summary>
    public Task<PgbDownloadResult> DownloadIconAsync(int appId, string destinationPath, CancellationToken cancellationToken = default) =>
        DownloadRedirectAsync(Api($"apps/{appId}/icon"), destinationPath, cancellationToken);

    /// <summary><c>GET /api/v1/apps/:id/status</c> (an extension of the official CLI): whether the builds are over.</summary>
    public Task<PgbAppStatus> GetAppStatusAsync(int appId, CancellationToken cancellationToken = default) =>
        GetJsonAsync<PgbAppStatus>(Api($"apps/{appId}/status"), cancellationToken);

    /// <summary><c>GET /api/v1/apps/:id/logs/:platform/build</c> (an extension of the official CLI): the last build's log of a platform.</summary>
    public async Task<string> GetBuildLogAsync(int appId, string platform, CancellationToken cancellationToken = default)
    {
        RequireSegment(platform, nameof(platform));
        var answer = await GetJsonAsync<JToken>(Api($"apps/{appId}/logs/{Uri.EscapeDataString(platform)}/build"), cancellationToken).ConfigureAwait(false);
        return answer is JObject obj && obj["log"] is JValue { Type: not JTokenType.Null } log ? log.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
    }

    /// <summary><c>GET /api/v1/current_support</c> (an extension of the official CLI): the PhoneGap versions the service builds with.</summary>
    public Task<PgbCurrentSupport> GetCurrentSupportAsync(CancellationToken cancellationToken = default) =>
        GetJsonAsync<PgbCurrentSupport>(Api("current_support"), cancellationToken);
}
