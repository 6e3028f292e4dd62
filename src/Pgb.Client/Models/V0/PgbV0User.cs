namespace Pgb.Client.Models.V0;

/// <summary><c>GET /api/v0/me</c>.</summary>
public sealed class PgbV0User
{
    [JsonProperty("username")] public string? UserName { get; set; }
    [JsonProperty("email")] public string? Email { get; set; }
    [JsonProperty("created_at")] public DateTimeOffset? CreatedAt { get; set; }
    [JsonProperty("updated_at")] public DateTimeOffset? UpdatedAt { get; set; }
}
