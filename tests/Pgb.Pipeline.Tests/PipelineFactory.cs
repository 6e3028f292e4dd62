using System.Net;
using Pgb.Client;
using Pgb.Client.Models;

namespace Pgb.Pipeline.Tests;

internal static class PipelineFactory
{
    public static readonly Uri Server = new("https://build.example/");

    public const string Token = "pipeline-s3cr3t-token";

    public const string TokenVariable = "MY_PGB_TOKEN";

    public static PgbClient CreateClient(FakeHandler handler, int maxRetries = 0)
    {
        var options = new PgbClientOptions { Handler = handler };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.Zero;
        return new PgbClient(Server, PgbCredential.FromToken(Token), options);
    }

    public static PgbPipeline CreatePipeline(PgbClient client, PgbClock? clock = null) => new(client, clock ?? new ManualPgbClock(), TokenVariable);

    /// <summary>Waits for app <paramref name="appId"/> through a pipeline whose requests <paramref name="handler"/> answers, on a manual clock of its own.</summary>
    public static Task<PgbApp> WaitAsync(FakeHandler handler, int appId, IReadOnlyList<string> platforms, PgbWaitOptions options,
        IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default) =>
        WaitAsync(handler, new ManualPgbClock(), appId, platforms, options, progress, cancellationToken);

    /// <summary>Waits for app <paramref name="appId"/> through a pipeline whose requests <paramref name="handler"/> answers, on <paramref name="clock"/>.</summary>
    public static async Task<PgbApp> WaitAsync(FakeHandler handler, PgbClock clock, int appId, IReadOnlyList<string> platforms, PgbWaitOptions options,
        IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var client = CreateClient(handler);
        return await CreatePipeline(client, clock).WaitForCompletionAsync(appId, platforms, options, progress, cancellationToken);
    }

    /// <summary>An app answer with the given platform statuses (null values stay JSON null).</summary>
    public static HttpResponseMessage App(int id, params (string Platform, string? Status)[] statuses) => App(id, statuses, []);

    /// <summary>An app answer with a signing key (#3) selected for each of <paramref name="keyed"/>: a <c>null</c> platform then waits for its key.</summary>
    public static HttpResponseMessage AppWithKeys(int id, string[] keyed, params (string Platform, string? Status)[] statuses) => App(id, statuses, [], keyed);

    public static HttpResponseMessage App(int id, (string Platform, string? Status)[] statuses, (string Platform, string Message)[] errors, string[]? keyed = null)
    {
        static string Quote(string? s) => s is null ? "null" : Newtonsoft.Json.JsonConvert.ToString(s);
        var status = string.Join(",", statuses.Select(s => Quote(s.Platform) + ":" + Quote(s.Status)));
        var error = string.Join(",", errors.Select(e => Quote(e.Platform) + ":" + Quote(e.Message)));
        var keys = string.Join(",", (keyed ?? []).Select(p => Quote(p) + ":{\"id\":3,\"title\":\"release\"}"));
        var json = "{\"id\":" + id + ",\"title\":\"Demo\",\"version\":\"1.2.3\",\"build_count\":null,\"status\":{" + status + "},\"error\":{" + error + "},\"keys\":{" + keys + "}}";
        return FakeHandler.Json(HttpStatusCode.OK, json);
    }
}
