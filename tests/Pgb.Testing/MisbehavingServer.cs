using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Pgb.Testing;

/// <summary>
/// A PhoneGap-Build-compatible server of the tests' own (Kestrel on 127.0.0.1, port 0) that answers every step of
/// <c>pgb build</c> honestly (update app <see cref="AppId"/>, queue, status, download behind a 302) except for the one
/// <see cref="Misbehaviour"/> it was started with. A second port of it speaks raw bytes (garbage that is not HTTP, or
/// silence), for misbehaviours below HTTP. Unlike Pgb.Server, whose faults are the real service's, this one does
/// what no service should: it exists to show that a client survives it.
/// </summary>
public sealed class MisbehavingServer : IAsyncDisposable
{
    public const int AppId = 7;

    /// <summary>The package every download serves: a real zip, large enough to be cut or stalled halfway.</summary>
    public static readonly byte[] Package = Zips.Create(
        ("AndroidManifest.xml", "<manifest package=\"com.example.bad\"/>"u8.ToArray()),
        ("classes.dex", Enumerable.Range(0, 200_000).Select(i => (byte)((i * 7) ^ (i >> 9))).ToArray()));

    private const string ETag = "\"package-1\"";

    private readonly WebApplication _app;
    private readonly ListenOptions _api;
    private readonly ListenOptions _raw;
    private readonly int _deadPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<string> _requests = [];
    private int _storageAnswers;

    private MisbehavingServer(Misbehaviour mode, WebApplication app, ListenOptions api, ListenOptions raw, int deadPort)
    {
        Mode = mode;
        _app = app;
        _api = api;
        _raw = raw;
        _deadPort = deadPort;
    }

    public Misbehaviour Mode { get; }

    /// <summary>What a client uses as the server URL: the HTTP port, or the raw one when the whole API misbehaves below HTTP.</summary>
    public Uri BaseUri => Mode is Misbehaviour.ApiGarbage or Misbehaviour.ApiSilent ? RawUri : ApiUri;

    private Uri ApiUri => new($"http://127.0.0.1:{_api.IPEndPoint!.Port}/");

    private Uri RawUri => new($"http://127.0.0.1:{_raw.IPEndPoint!.Port}/");

    /// <summary>Every request the HTTP port saw, as <c>METHOD /path</c>, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<MisbehavingServer> StartAsync(Misbehaviour mode)
    {
        ListenOptions? api = null;
        ListenOptions? raw = null;
        MisbehavingServer? server = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen => api = listen);
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                raw = listen;
                listen.Use(_ => connection => server!.RawAsync(connection));
            });
        });

        var app = builder.Build();
        app.Run(context => server!.HandleAsync(context));
        server = new MisbehavingServer(mode, app, api!, raw!, FreePort());
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    /// <summary>A port nothing listens on (bound, then released): a dead storage host.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The raw port: reads the request, then answers bytes that are not HTTP, or nothing at all until the client gives up.</summary>
    private async Task RawAsync(ConnectionContext connection)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, _stopping.Token);
        try
        {
            var request = await connection.Transport.Input.ReadAsync(stop.Token);
            connection.Transport.Input.AdvanceTo(request.Buffer.End);
            if (Mode is Misbehaviour.ApiGarbage or Misbehaviour.StorageGarbage)
            {
                await connection.Transport.Output.WriteAsync("SSH-2.0-OpenSSH_9.6\r\nProtocol mismatch.\r\n"u8.ToArray(), stop.Token);
                await connection.Transport.Output.CompleteAsync();
                return;
            }

            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, or the server stops.
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request.Method + " " + context.Request.Path.Value;
        lock (_requests)
        {
            _requests.Add(request);
        }

        // Read what was sent, as a front end would before it answers.
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        var segments = (context.Request.Path.Value ?? "/").Trim('/').Split('/');
        switch (context.Request.Method, segments)
        {
            case ("POST", ["api", "v1", "apps"]):
                await CreateAsync(context);
                break;
            case ("PUT", ["api", "v1", "apps", var id]) when id == AppIdText:
                await UploadAsync(context);
                break;
            case ("POST", ["api", "v1", "apps", var id, "build"]) when id == AppIdText:
                await QueueAsync(context);
                break;
            case ("GET", ["api", "v1", "apps", var id]) when id == AppIdText:
                await StatusAsync(context);
                break;
            case ("GET", ["api", "v1", "apps", var id, var platform]) when id == AppIdText:
                await LocationAsync(context, platform);
                break;
            case ("GET", ["storage", var file]):
                await StorageAsync(context, file);
                break;
            default:
                await JsonAsync(context, 404, """{"error":"no such route"}""");
                break;
        }
    }

    private static string AppIdText => AppId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task CreateAsync(HttpContext context) => Mode switch
    {
        Misbehaviour.CreateHtml500 => HtmlAsync(context, 500, "<html><head><title>500 Internal Server Error</title></head><body><h1>Oops</h1></body></html>"),
        _ => JsonAsync(context, 201, AppJson()),
    };

    private Task UploadAsync(HttpContext context) => Mode switch
    {
        Misbehaviour.UploadHtml502 => HtmlAsync(context, 502, "<html>\r\n<head><title>502 Bad Gateway</title><style>body{color:red}</style></head>\r\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"),
        Misbehaviour.UploadPlainText500 => TextAsync(context, 500, "text/plain", "Internal Server Error: upstream exploded\n"),
        Misbehaviour.UploadHtml413 => HtmlAsync(context, 413, "<html><head><title>413 Request Entity Too Large</title></head><body><h1>413 Request Entity Too Large</h1></body></html>"),
        Misbehaviour.Upload411WithoutBody => EmptyAsync(context, 411),
        Misbehaviour.Upload400Json => JsonAsync(context, 400, """{"error":"file is not a valid archive"}"""),
        Misbehaviour.Upload401Json => JsonAsync(context, 401, """{"error":"Invalid authentication token."}"""),
        Misbehaviour.Upload403WithoutBody => EmptyAsync(context, 403),
        Misbehaviour.Upload404WithoutBody => EmptyAsync(context, 404),
        Misbehaviour.Upload500WithoutBody => EmptyAsync(context, 500),
        Misbehaviour.Upload503WithRetryAfter => RetryAfterAsync(context, 503),
        Misbehaviour.Upload429 => RetryAfterAsync(context, 429),
        Misbehaviour.UploadMalformedJson => JsonAsync(context, 200, """{"id": 7, "title": "Bad"""),
        Misbehaviour.UploadEmpty200 => JsonAsync(context, 200, string.Empty),
        Misbehaviour.UploadWrongShapeJson => JsonAsync(context, 200, """{"id":"seven","status":[]}"""),
        Misbehaviour.UploadJsonArray => JsonAsync(context, 200, "[1,2,3]"),
        Misbehaviour.UploadErrorInside200 => JsonAsync(context, 200, """{"error":"An unknown error occurred."}"""),
        Misbehaviour.UploadHtmlLoginPage200 => HtmlAsync(context, 200, "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>...</form></body></html>"),
        Misbehaviour.UploadReset => ResetAsync(context),
        Misbehaviour.UploadRedirectToHttps => RedirectAsync(context, 301, "https://127.0.0.1:1/api/v1/apps/7"),
        _ => JsonAsync(context, 200, AppJson()),
    };

    private Task QueueAsync(HttpContext context) => Mode switch
    {
        Misbehaviour.QueueHtml500 => HtmlAsync(context, 500, "<html><head><title>500 Internal Server Error</title></head><body></body></html>"),
        Misbehaviour.QueueReset => ResetAsync(context),
        _ => JsonAsync(context, 202, "{}"),
    };

    private Task StatusAsync(HttpContext context) => Mode switch
    {
        Misbehaviour.StatusHtml404 => HtmlAsync(context, 404, "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"),
        Misbehaviour.StatusMalformedJson => JsonAsync(context, 200, """{"id":7,"status":{"android":"complete"}"""),
        Misbehaviour.StatusEmpty204 => EmptyAsync(context, 204),
        Misbehaviour.StatusWrongShapeJson => JsonAsync(context, 200, """{"id":{"nested":true},"status":{}}"""),
        Misbehaviour.StatusBodyBreaksOff => HalfAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(AppJson()), stall: false),
        Misbehaviour.StatusBodyStalls => HalfAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(AppJson()), stall: true),
        Misbehaviour.StatusReset => ResetAsync(context),
        Misbehaviour.StatusNeverSettles => JsonAsync(context, 200, AppJson("pending")),
        Misbehaviour.StatusUnknown => JsonAsync(context, 200, AppJson("compiling")),
        Misbehaviour.StatusError => JsonAsync(context, 200, AppJson("error")),
        Misbehaviour.StatusSkip => JsonAsync(context, 200, AppJson("skip")),
        _ => JsonAsync(context, 200, AppJson()),
    };

    private Task LocationAsync(HttpContext context, string platform)
    {
        var storage = Mode is Misbehaviour.StorageGarbage or Misbehaviour.StorageSilent ? RawUri
            : Mode == Misbehaviour.LocationDeadHost ? new Uri($"http://127.0.0.1:{_deadPort}/")
            : ApiUri;
        var location = new Uri(storage, "storage/" + platform + "." + Extension(platform)).ToString();
        return Mode switch
        {
            Misbehaviour.LocationMissing => EmptyAsync(context, 302),
            Misbehaviour.LocationNotHttp => RedirectAsync(context, 302, "ftp://127.0.0.1/storage/app.apk"),
            Misbehaviour.Location404Json => JsonAsync(context, 404, """{"error":"no package for this platform"}"""),
            _ => RedirectAsync(context, 302, location),
        };
    }

    private Task StorageAsync(HttpContext context, string file)
    {
        var answer = Interlocked.Increment(ref _storageAnswers);
        return Mode switch
        {
            Misbehaviour.StorageRedirectLoop => RedirectAsync(context, 302, "/storage/" + file),
            Misbehaviour.StorageRedirectWithoutLocation => EmptyAsync(context, 307),
            Misbehaviour.StorageShortBody => HalfAsync(context, 200, "application/octet-stream", Package, stall: false),
            Misbehaviour.StorageEmpty200 => TextAsync(context, 200, "application/octet-stream", string.Empty),
            Misbehaviour.StorageHtmlPage200 => HtmlAsync(context, 200, "<html><head><title>Wi-Fi sign in</title></head><body>Accept the terms</body></html>"),
            Misbehaviour.StorageJsonError200 => TextAsync(context, 200, "application/octet-stream", """{"error":"the download link has expired"}"""),
            Misbehaviour.Storage403Xml => TextAsync(context, 403, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"),
            Misbehaviour.Storage404 => EmptyAsync(context, 404),
            Misbehaviour.StorageBodyStalls => HalfAsync(context, 200, "application/octet-stream", Package, stall: true),
            Misbehaviour.StorageReset => ResetAsync(context),
            Misbehaviour.StorageCutOnceWithETag => PackageWithETagAsync(context, cutAfter: answer == 1 ? Package.Length / 2 : null),
            Misbehaviour.StorageCutEveryTimeWithETag => PackageWithETagAsync(context, cutAfter: Package.Length / 6),
            _ => BytesAsync(context, 200, "application/octet-stream", Package),
        };
    }

    /// <summary>The package with an ETag, honouring a Range whose If-Range names it; an answer breaks off after <paramref name="cutAfter"/> bytes.</summary>
    private async Task PackageWithETagAsync(HttpContext context, int? cutAfter)
    {
        context.Response.Headers.ETag = ETag;
        context.Response.Headers.AcceptRanges = "bytes";
        var from = 0;
        if (context.Request.Headers.Range.ToString() is { Length: > 0 } range && context.Request.Headers.IfRange == ETag
            && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            from = int.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = Package.AsMemory(from);
        if (from > 0)
        {
            context.Response.Headers.ContentRange = $"bytes {from}-{Package.Length - 1}/{Package.Length}";
        }

        var status = from > 0 ? 206 : 200;
        if (cutAfter is { } cut && cut < body.Length)
        {
            await PartAsync(context, status, "application/octet-stream", body.ToArray(), cut, stall: false);
            return;
        }

        await BytesAsync(context, status, "application/octet-stream", body.ToArray());
    }

    private static string Extension(string platform) => platform switch
    {
        "android" => "apk",
        "ios" => "ipa",
        "winphone" => "xap",
        "symbian" => "wgz",
        "webos" => "ipk",
        _ => "jad",
    };

    /// <summary>The app as the service answered it: every platform <paramref name="status"/>, and an ios key selected.</summary>
    private string AppJson(string status = "complete")
    {
        string[] platforms = ["android", "blackberry", "ios", "symbian", "webos", "winphone"];
        var statuses = string.Join(",", platforms.Select(p => $"\"{p}\":" + (Mode == Misbehaviour.IosNullWithoutKey && p == "ios" ? "null" : $"\"{status}\"")));
        var errors = status == "error" ? "\"android\":\"Gradle build failed: AAPT2 error\"" : string.Empty;
        var keys = Mode == Misbehaviour.IosNullWithoutKey ? string.Empty : "\"ios\":{\"id\":1,\"title\":\"distribution\",\"locked\":false}";
        return "{\"id\":" + AppIdText + ",\"title\":\"Bad\",\"version\":\"1.0.0\",\"build_count\":1,\"status\":{" + statuses + "},\"error\":{" + errors + "},\"keys\":{" + keys + "}}";
    }

    private static Task JsonAsync(HttpContext context, int status, string json) => TextAsync(context, status, "application/json; charset=utf-8", json);

    private static Task HtmlAsync(HttpContext context, int status, string html) => TextAsync(context, status, "text/html; charset=utf-8", html);

    private static Task TextAsync(HttpContext context, int status, string mediaType, string text) => BytesAsync(context, status, mediaType, Encoding.UTF8.GetBytes(text));

    private static async Task BytesAsync(HttpContext context, int status, string mediaType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = mediaType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static Task EmptyAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    private static Task RetryAfterAsync(HttpContext context, int status)
    {
        context.Response.Headers.RetryAfter = "1";
        return JsonAsync(context, status, """{"error":"busy, try later"}""");
    }

    private static Task RedirectAsync(HttpContext context, int status, string location)
    {
        context.Response.Headers.Location = location;
        return JsonAsync(context, status, $$"""{"location":"{{location}}"}""");
    }

    /// <summary>Drops the connection without an answer.</summary>
    private static Task ResetAsync(HttpContext context)
    {
        context.Abort();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Announces the whole length and sends half of the body; then either ends (Kestrel closes the connection after
    /// too few bytes: a body that broke off) or sends nothing more until the client gives up (a stall).
    /// </summary>
    private Task HalfAsync(HttpContext context, int status, string mediaType, byte[] body, bool stall) =>
        PartAsync(context, status, mediaType, body, body.Length / 2, stall);

    /// <summary>Announces the whole length of <paramref name="body"/> and sends its first <paramref name="count"/> bytes (see <see cref="HalfAsync"/>).</summary>
    private async Task PartAsync(HttpContext context, int status, string mediaType, byte[] body, int count, bool stall)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = mediaType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.AsMemory(0, count), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        if (stall)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, or the server stops.
            }
        }
    }
}
