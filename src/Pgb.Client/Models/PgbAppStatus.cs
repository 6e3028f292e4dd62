namespace Pgb.Client.Models;

/// <summary>
/// <c>GET /api/v1/apps/:id/status</c>, the extension the official CLI polled every 2 s (not in the v1 API docs):
/// whether the builds are over, and each platform's status and error.
/// </summary>
public sealed class PgbAppStatus
{
    [JsonProperty("id")] public int? Id { get; set; }

    /// <summary>True once no queued platform is still building.</summary>
    [JsonProperty("completed")] public bool? Completed { get; set; }

    /// <summary>Platform to <c>pending</c>, <c>complete</c>, <c>error</c>, <c>skip</c> or <c>null</c>, as in an app.</summary>
    [JsonProperty("status"), JsonConverter(typeof(TolerantDictionaryConverter<string?>))]
    public IDictionary<string, string?> Status { get; set; } = PgbMaps.Create<string?>();

    [JsonProperty("error"), JsonConverter(typeof(TolerantDictionaryConverter<string?>))]
    public IDictionary<string, string?> Error { get; set; } = PgbMaps.Create<string?>();

    [JsonProperty("link")] public string? Link { get; set; }
}
