using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Pgb.Server;

namespace Pgb.Server.Tests;

/// <summary>One server on 127.0.0.1:0 plus a raw HttpClient that does not follow redirects (the 302s are the point).
/// Talks over real sockets and knows nothing of any client library: only the spec.</summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    public const string Token = "pgb-dev-token";

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

    /// <summary>Starts a server; <paramref name="time"/> replaces the system clock (see <see cref="ManualClock"/>).</summary>
    public static async Task<ServerHarness> StartAsync(Action<PgbServerOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(200) };
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

    /// <summary>Creates a file-backed app the way curl -F does it in the seeds; returns the 201 body.</summary>
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

internal sealed record Answer(HttpStatusCode Status, string? MediaType, Uri? Location, string Body)
{
    public JsonObject Object => JsonNode.Parse(Body) as JsonObject ?? throw new AssertFailedException("not a JSON object: " + Body);

    public string? Error => (string?)Object["error"];
}

internal static class Zips
{
    public static byte[] Create(params (string Name, byte[] Content)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }

    /// <summary>index.html plus, when <paramref name="configName"/> is given, a config.xml at the root naming the app.</summary>
    public static byte[] App(string? configName, string? icon = null)
    {
        var entries = new List<(string, byte[])> { ("index.html", "<html><body>hi</body></html>"u8.ToArray()) };
        if (configName is not null)
        {
            entries.Add(("config.xml", Encoding.UTF8.GetBytes(ConfigXml(configName, icon))));
        }

        if (icon is not null)
        {
            entries.Add((icon, [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]));
        }

        return Create([.. entries]);
    }

    public static string ConfigXml(string name, string? icon = null) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <widget xmlns="http://www.w3.org/ns/widgets" id="com.example.{name.ToLowerInvariant().Replace(' ', '.')}" version="1.2.3">
          <name>{name}</name>
          <description>From config.xml</description>
          {(icon is null ? string.Empty : $"<icon src=\"{icon}\" width=\"96\" />")}
        </widget>
        """;
}
