using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Pgb.Client;

/// <summary>
/// The PhoneGap Build API v1 over HTTP: one method per documented call, async, cancellable, and one
/// exception type (<see cref="PgbRequestFailedException"/>) for every answer that is not a success.
/// </summary>
public sealed partial class PgbClient : IDisposable
{
    private static readonly JsonSerializerSettings DataSettings = new() { NullValueHandling = NullValueHandling.Ignore };

    private readonly HttpClient _http;
    private readonly PgbCredential? _credential;
    private readonly PgbClientOptions _options;
    private readonly RetryPolicy _retry;

    /// <summary>The credential's secrets, scrubbed from every exception this client makes.</summary>
    private readonly PgbSecrets _secrets;

    /// <param name="serverUrl">The service root (scheme, host, port and an optional path prefix), not the <c>/api/v1</c> URL.</param>
    /// <param name="credential">How to authenticate; null only for calls that need none.</param>
    public PgbClient(Uri serverUrl, PgbCredential? credential, PgbClientOptions? options = null)
    {
        if (serverUrl is null)
        {
            throw new ArgumentNullException(nameof(serverUrl));
        }

        if (!serverUrl.IsAbsoluteUri || (serverUrl.Scheme != Uri.UriSchemeHttp && serverUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The server URL must be an absolute http or https URL: {PgbRedaction.Redact(serverUrl)}", nameof(serverUrl));
        }

        _options = options ?? new PgbClientOptions();
        foreach (var (name, limit) in new[] { (nameof(PgbClientOptions.RequestTimeout), _options.RequestTimeout), (nameof(PgbClientOptions.UploadTimeout), _options.UploadTimeout) })
        {
            if (limit <= TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentException($"{name} must be positive (or Timeout.InfiniteTimeSpan), not {limit}.", nameof(options));
            }
        }

        _credential = credential;
        _secrets = new PgbSecrets(credential?.Secrets ?? []);
        _retry = new RetryPolicy(_options.Retry);
        ServerUrl = WithTrailingSlash(serverUrl);
        ApiRoot = new Uri(ServerUrl, "api/v1/");

        // We read every redirect ourselves: downloads answer 302 with a JSON body pointing at another
        // host, which must never see our credentials (and .NET will not follow https -> http anyway).
        var handler = _options.Handler ?? CreateDefaultHandler();
        _http = new HttpClient(handler, disposeHandler: _options.Handler is null) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(_options.UserAgent);
    }

    /// <summary>
    /// The handler used when <see cref="PgbClientOptions.Handler"/> is null. No redirects: downloads read the
    /// 302 themselves so the storage host never sees our credentials. No cookie jar either: the token or
    /// basic header authenticates every call, and a session cookie the API set would otherwise travel to a
    /// storage host in the same domain.
    /// </summary>
    internal static HttpClientHandler CreateDefaultHandler() => new() { AllowAutoRedirect = false, UseCookies = false };

    /// <summary>The service root, ending in a slash.</summary>
    public Uri ServerUrl { get; }

    /// <summary><c>{ServerUrl}api/v1/</c>.</summary>
    public Uri ApiRoot { get; }

    /// <summary><c>POST /token</c> with basic auth: asks the service for the account's token.</summary>
    public async Task<string> RequestTokenAsync(CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync<JObject>(HttpMethod.Post, new Uri(ServerUrl, "token"), EmptyBody, cancellationToken, repeatable: true).ConfigureAwait(false);
        // An object or array is no token (and a JToken cast of one throws ArgumentException); a number reads as its digits.
        var token = answer["token"] is JValue { Type: JTokenType.String or JTokenType.Integer } value ? (string?)value : null;
        if (string.IsNullOrEmpty(token))
        {
            throw Failure(200, "the answer has no token", "POST", new Uri(ServerUrl, "token"));
        }

        return token!;
    }

    /// <summary><c>GET /api/v1/me</c>.</summary>
    public Task<PgbUser> GetMeAsync(CancellationToken cancellationToken = default) =>
        SendAsync<PgbUser>(HttpMethod.Get, Api("me"), null, cancellationToken);

    /// <summary><c>GET /api/v1/apps</c>.</summary>
    public async Task<IList<PgbApp>> GetAppsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<PgbAppList>(HttpMethod.Get, Api("apps"), null, cancellationToken).ConfigureAwait(false)).Apps;

    /// <summary><c>GET /api/v1/apps/:id</c>.</summary>
    public Task<PgbApp> GetAppAsync(int appId, CancellationToken cancellationToken = default) =>
        SendAsync<PgbApp>(HttpMethod.Get, Api($"apps/{appId}"), null, cancellationToken);

    /// <summary><c>GET /api/v1/keys</c>.</summary>
    public Task<PgbKeyListing> GetKeysAsync(CancellationToken cancellationToken = default) =>
        SendAsync<PgbKeyListing>(HttpMethod.Get, Api("keys"), null, cancellationToken);

    /// <summary><c>GET /api/v1/keys/:platform</c>: one platform's keys (a list, unlike the grouped <see cref="GetKeysAsync"/>).</summary>
    public Task<PgbPlatformKeyListing> GetPlatformKeysAsync(string platform, CancellationToken cancellationToken = default)
    {
        RequireSegment(platform, nameof(platform));
        return SendAsync<PgbPlatformKeyListing>(HttpMethod.Get, Api("keys/" + Uri.EscapeDataString(platform)), null, cancellationToken);
    }

    /// <summary><c>GET /api/v1/keys/:platform/:id</c>.</summary>
    public Task<PgbKeyReference> GetKeyAsync(string platform, int keyId, CancellationToken cancellationToken = default)
    {
        RequireSegment(platform, nameof(platform));
        return SendAsync<PgbKeyReference>(HttpMethod.Get, Api($"keys/{Uri.EscapeDataString(platform)}/{keyId}"), null, cancellationToken);
    }

    /// <summary>
    /// <c>POST /api/v1/apps</c> with <c>create_method=file</c>: the archive (zip, tar.gz or index.html)
    /// is streamed from disk as the <c>file</c> part, with a Content-Length (the front end refused chunked bodies).
    /// </summary>
    public Task<PgbApp> CreateAppFromFileAsync(PgbAppCreateOptions app, string archivePath, CancellationToken cancellationToken = default)
    {
        if (app is null)
        {
            throw new ArgumentNullException(nameof(app));
        }

        RequireFile(archivePath);
        var data = CreateData(app, "file");
        return SendAsync<PgbApp>(HttpMethod.Post, Api("apps"), read => Multipart(data, archivePath, read), cancellationToken, upload: true);
    }

    /// <summary><c>POST /api/v1/apps</c> with <c>create_method=remote_repo</c>.</summary>
    public Task<PgbApp> CreateAppFromRepoAsync(PgbAppCreateOptions app, CancellationToken cancellationToken = default)
    {
        if (app is null)
        {
            throw new ArgumentNullException(nameof(app));
        }

        if (string.IsNullOrEmpty(app.Repo))
        {
            throw new ArgumentException("A repo-backed app needs a repo URL.", nameof(app));
        }

        var data = CreateData(app, "remote_repo");
        return SendAsync<PgbApp>(HttpMethod.Post, Api("apps"), _ => FormData(data), cancellationToken);
    }

    /// <summary><c>PUT /api/v1/apps/:id</c> with a new <c>file</c>: replaces a file-backed app's contents.</summary>
    public Task<PgbApp> UpdateAppFileAsync(int appId, string archivePath, CancellationToken cancellationToken = default)
    {
        RequireFile(archivePath);
        return SendAsync<PgbApp>(HttpMethod.Put, Api($"apps/{appId}"), read => Multipart(null, archivePath, read), cancellationToken, upload: true);
    }

    /// <summary><c>PUT /api/v1/apps/:id</c> with metadata in <c>data</c>.</summary>
    public Task<PgbApp> UpdateAppAsync(int appId, PgbAppUpdateOptions update, CancellationToken cancellationToken = default)
    {
        if (update is null)
        {
            throw new ArgumentNullException(nameof(update));
        }

        return SendAsync<PgbApp>(HttpMethod.Put, Api($"apps/{appId}"), _ => FormData(Data(update)), cancellationToken);
    }

    /// <summary><c>PUT /api/v1/apps/:id</c> with <c>data={"pull":true}</c>: a repo-backed app fetches its repository again.</summary>
    public Task<PgbApp> PullAppAsync(int appId, CancellationToken cancellationToken = default) =>
        SendAsync<PgbApp>(HttpMethod.Put, Api($"apps/{appId}"), _ => FormData("{\"pull\":true}"), cancellationToken);

    /// <summary>
    /// <c>POST /api/v1/apps/:id/build</c> (202): queues builds for the given platforms, or for all when none are given.
    /// Returns the app as the service answered (null when it answered without one).
    /// </summary>
    public async Task<PgbApp?> QueueBuildAsync(int appId, IEnumerable<string>? platforms = null, CancellationToken cancellationToken = default)
    {
        var list = platforms?.ToList();
        Func<Action<int>, HttpContent> body = list is { Count: > 0 }
            ? _ => FormData(JsonConvert.SerializeObject(new { platforms = list }))
            : EmptyBody;
        // Repeatable although a POST: queuing again only replaces the builds just queued, so a queue that got no answer
        // (or a 502) is sent again rather than failing a run whose builds may never have started.
        var answer = await SendAsync<JToken>(HttpMethod.Post, Api($"apps/{appId}/build"), body, cancellationToken, repeatable: true).ConfigureAwait(false);
        return AppOrNull(answer, Api($"apps/{appId}/build"));
    }

    /// <summary><c>DELETE /api/v1/apps/:id</c> (202); returns the service's text (<c>"app 8 deleted"</c>).</summary>
    public Task<string?> DeleteAppAsync(int appId, CancellationToken cancellationToken = default) =>
        DeleteAsync(Api($"apps/{appId}"), cancellationToken);

    public void Dispose() => _http.Dispose();

    private Uri Api(string relative) => new(ApiRoot, relative);

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/" + uri.Query);

    private static void RequireSegment(string value, string name)
    {
        // An empty platform would ask for the whole listing (or, for a key, another route altogether).
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("No platform given.", name);
        }
    }

    private static void RequireFile(string path) => UploadFiles.Require(path, "archive", nameof(path));

    private static string Data(object value) => JsonConvert.SerializeObject(value, DataSettings);

    /// <summary>
    /// The create <c>data</c> with <c>create_method</c> filled in from what is sent when the caller left it
    /// unset. Into a copy: writing it back into the caller's options made a later create with the same
    /// object send the first call's method.
    /// </summary>
    private static string CreateData(PgbAppCreateOptions app, string createMethod)
    {
        var data = JObject.FromObject(app, JsonSerializer.Create(DataSettings));
        if (data["create_method"] is null)
        {
            data["create_method"] = createMethod;
        }

        return data.ToString(Formatting.None);
    }

    private static HttpContent EmptyBody(Action<int> read) => new ByteArrayContent([]);

    private static HttpContent FormData(string dataJson) =>
        new FormUrlEncodedContent([new KeyValuePair<string, string>("data", dataJson)]);

    private static HttpContent Multipart(string? dataJson, string archivePath, Action<int> read) => Multipart(dataJson, [("file", archivePath)], read);

    /// <summary>
    /// A multipart body: the optional <c>data</c> JSON part, then each file streamed from disk under its part
    /// name (an app's <c>file</c>; a key's <c>cert</c> and <c>profile</c>, <c>keystore</c>, or <c>db</c> and <c>csk</c>).
    /// <paramref name="read"/> hears of every chunk read from the files, which is how far the upload got.
    /// </summary>
    private static HttpContent Multipart(string? dataJson, IReadOnlyList<(string Name, string Path)> files, Action<int> read)
    {
        var form = new MultipartFormDataContent();
        try
        {
            if (dataJson is not null)
            {
                // A Content-Type on the data part broke app creation on the real service: send none.
                var data = new StringContent(dataJson, Encoding.UTF8);
                data.Headers.ContentType = null;
                form.Add(data, "data");
            }

            foreach (var (name, path) in files)
            {
                var file = new StreamContent(new WatchedReadStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true), read), 81920);
                file.Headers.ContentType = new MediaTypeHeaderValue(ContentTypeOf(path));
                form.Add(file, name, Path.GetFileName(path));
            }

            return form;
        }
        catch
        {
            // The second file failed to open (deleted, locked): the first one's stream is already open.
            form.Dispose();
            throw;
        }
    }

    private static string ContentTypeOf(string path)
    {
        var name = path.ToLowerInvariant();
        if (name.EndsWith(".zip", StringComparison.Ordinal))
        {
            return "application/zip";
        }

        if (name.EndsWith(".tar.gz", StringComparison.Ordinal) || name.EndsWith(".tgz", StringComparison.Ordinal))
        {
            return "application/gzip";
        }

        if (name.EndsWith(".html", StringComparison.Ordinal) || name.EndsWith(".htm", StringComparison.Ordinal))
        {
            return "text/html";
        }

        return "application/octet-stream";
    }
}
