namespace Pgb.Client.Models;

/// <summary>The <c>data</c> JSON of <c>POST /api/v1/apps</c>. Unset fields are not sent.</summary>
public sealed class PgbAppCreateOptions : PgbAppMetadata
{
    /// <summary><c>file</c> or <c>remote_repo</c>; set by the client from what is sent when left null.</summary>
    [JsonProperty("create_method")] public string? CreateMethod { get; set; }

    [JsonProperty("repo")] public string? Repo { get; set; }
    [JsonProperty("hydrates")] public bool? Hydrates { get; set; }
}

/// <summary>The <c>data</c> JSON of <c>PUT /api/v1/apps/:id</c> for metadata. Unset fields are not sent.</summary>
public sealed class PgbAppUpdateOptions : PgbAppMetadata
{
    /// <summary>A repo-backed app pulls its repository again (sent as <c>true</c>; unset otherwise).</summary>
    [JsonProperty("pull")] public bool? Pull { get; set; }
}
