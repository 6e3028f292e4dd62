namespace Pgb.Client.Models.V0;

/// <summary>A signing key as API v0 lists and answers it (<c>{"title","updated_at","id"}</c>, plus iOS's file names).</summary>
public sealed class PgbV0Key
{
    [JsonProperty("id")] public int Id { get; set; }
    [JsonProperty("title")] public string? Title { get; set; }
    [JsonProperty("updated_at")] public DateTimeOffset? UpdatedAt { get; set; }
    [JsonProperty("cert_name")] public string? CertName { get; set; }
    [JsonProperty("mobile_provision")] public string? MobileProvision { get; set; }
}
