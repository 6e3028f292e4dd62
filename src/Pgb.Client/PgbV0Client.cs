using Pgb.Client.Models.V0;

namespace Pgb.Client;

/// <summary>
/// API v0 (<c>/api/v0</c>), for servers that speak only the beta API: its flat shapes (<c>android_status</c>,
/// <c>repo_url</c>, <c>desc</c>), its part names and its routes. v0 authenticates with basic authentication
/// (<see cref="PgbCredential.FromBasic"/>). Same transport, retries, time limits and exception type
/// (<see cref="PgbRequestFailedException"/>) as <see cref="PgbClient"/>.
/// </summary>
public sealed class PgbV0Client : IDisposable
{
    /// <summary>v1's key part names to v0's (<c>cert_file</c>, <c>profile_file</c>, <c>key_file</c>, <c>db_file</c>, <c>csk_file</c>).</summary>
    private static readonly IReadOnlyDictionary<string, string> KeyParts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cert"] = "cert_file",
        ["profile"] = "profile_file",
        ["keystore"] = "key_file",
        ["db"] = "db_file",
        ["csk"] = "csk_file",
    };

    private static readonly JsonSerializerSettings DataSettings = new() { NullValueHandling = NullValueHandling.Ignore };

    private readonly PgbClient _client;

    /// <param name="serverUrl">The service root, not the <c>/api/v0</c> URL.</param>
    public PgbV0Client(Uri serverUrl, PgbCredential? credential, PgbClientOptions? options = null)
    {
        _client = new PgbClient(serverUrl, credential, options);
        ApiRoot = new Uri(_client.ServerUrl, "api/v0/");
    }

    /// <summary>The service root, ending in a slash.</summary>
    public Uri ServerUrl => _client.ServerUrl;

    /// <summary><c>{ServerUrl}api/v0/</c>.</summary>
    public Uri ApiRoot { get; }

    /// <summary><c>GET /api/v0/me</c>.</summary>
    public Task<PgbV0User> GetMeAsync(CancellationToken cancellationToken = default) =>
        _client.GetJsonAsync<PgbV0User>(Api("me"), cancellationToken);

    /// <summary><c>GET /api/v0/apps</c>: a plain array of apps.</summary>
    public async Task<IList<PgbV0App>> GetAppsAsync(CancellationToken cancellationToken = default) =>
        await _client.GetJsonAsync<List<PgbV0App>>(Api("apps"), cancellationToken).ConfigureAwait(false);

    /// <summary><c>GET /api/v0/apps/:id</c> (404 <c>"app #54 not available"</c> for another user's app).</summary>
    public Task<PgbV0App> GetAppAsync(int appId, CancellationToken cancellationToken = default) =>
        _client.GetJsonAsync<PgbV0App>(Api($"apps/{appId}"), cancellationToken);

    /// <summary><c>POST /api/v0/apps</c> with <c>data={"title":...,"repo":...}</c>: a repo-backed app.</summary>
    public Task<PgbV0App> CreateAppFromRepoAsync(PgbV0AppOptions app, CancellationToken cancellationToken = default)
    {
        if (app is null || string.IsNullOrWhiteSpace(app.Repo))
        {
            throw new ArgumentException("A repo-backed app needs a repo URL.", nameof(app));
        }

        return _client.SendDataAsync<PgbV0App>(HttpMethod.Post, Api("apps"), Data(app), cancellationToken);
    }

    /// <summary><c>POST /api/v0/apps</c> with the archive (zip or index.html) as the <c>file</c> part and the title in <c>data</c>.</summary>
    public Task<PgbV0App> CreateAppFromFileAsync(PgbV0AppOptions app, string archivePath, CancellationToken cancellationToken = default)
    {
        if (app is null)
        {
            throw new ArgumentNullException(nameof(app));
        }

        UploadFiles.Require(archivePath, "archive", nameof(archivePath));
        return _client.SendFilesAsync<PgbV0App>(HttpMethod.Post, Api("apps"), Data(app), [("file", archivePath)], cancellationToken);
    }

    /// <summary><c>PUT /api/v0/apps/:id</c> with <c>data</c>: the app's metadata.</summary>
    public Task<PgbV0App> UpdateAppAsync(int appId, PgbV0AppOptions update, CancellationToken cancellationToken = default)
    {
        if (update is null)
        {
            throw new ArgumentNullException(nameof(update));
        }

        return _client.SendDataAsync<PgbV0App>(HttpMethod.Put, Api($"apps/{appId}"), Data(update), cancellationToken);
    }

    /// <summary>
    /// <c>POST /api/v0/apps/:id/push</c>: a repo-backed app pulls its repository (the GitHub post-receive hook). The body
    /// is ignored by the service; <c>data=dummy</c> is sent, as its docs do, so the request has a length.
    /// </summary>
    public Task<PgbV0App> PushAsync(int appId, CancellationToken cancellationToken = default) =>
        _client.SendDataAsync<PgbV0App>(HttpMethod.Post, Api($"apps/{appId}/push"), "dummy", cancellationToken);

    /// <summary><c>POST /api/v0/apps/:id/icon</c> with the png as the <c>file</c> part: the app as answered.</summary>
    public Task<PgbV0App> SetIconAsync(int appId, string pngPath, CancellationToken cancellationToken = default)
    {
        UploadFiles.Require(pngPath, "icon", nameof(pngPath));
        return _client.SendFilesAsync<PgbV0App>(HttpMethod.Post, Api($"apps/{appId}/icon"), null, [("file", pngPath)], cancellationToken);
    }

    /// <summary><c>GET /api/v0/apps/:id/icon</c>: the icon itself (or, should the server redirect, the file it points at), saved to <paramref name="destinationPath"/>.</summary>
    public Task<PgbDownloadResult> DownloadIconAsync(int appId, string destinationPath, CancellationToken cancellationToken = default) =>
        _client.DownloadFileOrRedirectAsync(Api($"apps/{appId}/icon"), destinationPath, cancellationToken);

    /// <summary>
    /// <c>GET /api/v0/apps/:id/:platform</c>: a redirect to the package, fetched without our credentials and saved through a
    /// temporary name (404 <c>"App #52 for android error"</c> while there is none).
    /// </summary>
    public Task<PgbDownloadResult> DownloadAsync(int appId, string platform, string destinationPath, CancellationToken cancellationToken = default)
    {
        RequirePlatform(platform);
        return _client.DownloadRedirectAsync(Api($"apps/{appId}/{Uri.EscapeDataString(platform)}"), platform, destinationPath, cancellationToken);
    }

    /// <summary><c>GET /api/v0/keys/</c>: platform to its keys (<c>{"ios":[...],"blackberry":[],"android":[]}</c>).</summary>
    public async Task<IReadOnlyDictionary<string, IList<PgbV0Key>>> GetKeysAsync(CancellationToken cancellationToken = default)
    {
        var answer = await _client.GetJsonAsync<JToken>(Api("keys/"), cancellationToken).ConfigureAwait(false);
        var groups = new Dictionary<string, IList<PgbV0Key>>(StringComparer.OrdinalIgnoreCase);
        if (answer is JObject obj)
        {
            foreach (var group in obj.Properties())
            {
                groups[group.Name] = group.Value is JArray keys ? Keys(keys, "keys/") : [];
            }
        }

        return groups;
    }

    /// <summary><c>GET /api/v0/keys/:platform</c>: that platform's keys.</summary>
    public async Task<IList<PgbV0Key>> GetPlatformKeysAsync(string platform, CancellationToken cancellationToken = default)
    {
        RequirePlatform(platform);
        var path = "keys/" + Uri.EscapeDataString(platform);
        var answer = await _client.GetJsonAsync<JToken>(Api(path), cancellationToken).ConfigureAwait(false);
        return answer is JArray keys ? Keys(keys, path) : [];
    }

    /// <summary>
    /// <c>POST /api/v0/keys/:platform</c>: the same keys as v1's upload (<see cref="PgbKeyOptions"/>), with v0's part names
    /// (<c>cert_file</c> and <c>profile_file</c>, <c>key_file</c>, <c>db_file</c> and <c>csk_file</c>).
    /// </summary>
    public Task<PgbV0Key> CreateKeyAsync(PgbKeyOptions key, CancellationToken cancellationToken = default)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        var files = key.FilesToSend(nameof(key)).Select(file => (KeyParts[file.Part], file.Path)).ToList();

        _client.RegisterSecrets(key.Passwords);
        return _client.SendFilesAsync<PgbV0Key>(HttpMethod.Post, Api("keys/" + Uri.EscapeDataString(key.Platform)), key.Data().ToString(Formatting.None), files, cancellationToken);
    }

    /// <summary><c>DELETE /api/v0/apps/:id</c>; returns the service's text (<c>"app #56 destroyed"</c>).</summary>
    public Task<string?> DeleteAppAsync(int appId, CancellationToken cancellationToken = default) =>
        _client.DeleteAsync(Api($"apps/{appId}"), cancellationToken);

    public void Dispose() => _client.Dispose();

    private Uri Api(string relative) => new(ApiRoot, relative);

    private static string Data(PgbV0AppOptions options) => JsonConvert.SerializeObject(options, DataSettings);

    private IList<PgbV0Key> Keys(JArray keys, string path) =>
        PgbClient.ParseSuccess<List<PgbV0Key>>(HttpMethod.Get, Api(path), 200, keys.ToString(Formatting.None));

    private static void RequirePlatform(string platform)
    {
        if (string.IsNullOrWhiteSpace(platform))
        {
            throw new ArgumentException("No platform given.", nameof(platform));
        }
    }
}
