using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Pgb.Server;

namespace Pgb.Testing;

/// <summary>One server on 127.0.0.1:0 plus a raw HttpClient that does not follow redirects (the 302s are the point).
/// Talks over real sockets and knows nothing of any client library: only the spec.</summary>
public sealed class ServerHarness : IAsyncDisposable
{
    public const string Token = "pgb-dev-token";

    /// <summary>A configured account, which starts with no signing key (the built-in development account has a default
    /// key for android and ios), reached with the token every request of the harness sends.</summary>
    public static PgbAccount KeylessAccount { get; } = new("ann", "ann@example.com", "ann-password", Token);

    /// <summary>A server whose one account is <see cref="KeylessAccount"/>.</summary>
    public static Task<ServerHarness> StartKeylessAsync(Action<PgbServerOptions>? configure = null) =>
        StartAsync(o =>
        {
            o.Accounts.Add(KeylessAccount);
            configure?.Invoke(o);
        });

    private ServerHarness(PgbServer server)
    {
        Server = server;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = server.BaseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public PgbServer Server { get; }

    public HttpClient Http { get; }

    /// <summary>Starts a server; <paramref name="time"/> replaces the system clock (see <see cref="ManualClock"/>). Its git
    /// may fetch file:// repositories only: no test reaches the network, whatever URL an app names.</summary>
    public static async Task<ServerHarness> StartAsync(Action<PgbServerOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(200), Git = new Server.Build.GitSettings { Protocols = ["file"] } };
        configure?.Invoke(options);
        return new ServerHarness(await PgbServer.StartAsync(options, time ?? TimeProvider.System, CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    public static HttpRequestMessage Authorized(HttpMethod method, string path, HttpContent? content = null, string token = Token)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("token", token);
        return request;
    }

    public async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.Location, body);
        }
    }

    public Task<Answer> GetAsync(string path) => SendAsync(Authorized(HttpMethod.Get, path));

    /// <summary>Creates a file-backed app the way the spec's curl -F example does; returns the 201 body.</summary>
    public async Task<JsonObject> CreateFileAppAsync(string? title = "Test App", byte[]? zip = null)
    {
        var form = new MultipartFormDataContent
        {
            { Bytes(zip ?? Zips.App(configName: null)), "file", "app.zip" },
            { new StringContent(title is null ? "{\"create_method\":\"file\"}" : $"{{\"title\":\"{title}\",\"create_method\":\"file\"}}"), "data" },
        };
        var answer = await SendAsync(Authorized(HttpMethod.Post, "/api/v1/apps", form));
        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        return answer.Object;
    }

    /// <summary>Polls GET /api/v1/apps/:id until <paramref name="platform"/> leaves pending; bounded by a deadline, so a
    /// broken server fails the test instead of hanging it.</summary>
    public async Task<JsonObject> WaitForBuildAsync(int appId, string platform)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var app = (await GetAsync($"/api/v1/apps/{appId}")).Object;
            var status = (string?)app["status"]![platform];
            if (status is not "pending" || DateTime.UtcNow > deadline)
            {
                return app;
            }

            await Task.Delay(50);
        }
    }

    public static ByteArrayContent Bytes(byte[] content)
    {
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return part;
    }

    public static StringContent UrlEncoded(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");
}
