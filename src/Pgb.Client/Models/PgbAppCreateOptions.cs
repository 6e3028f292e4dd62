namespace Pgb.Client.Models;

/// <summary>The <c>data</c> JSON of <c>POST /api/v1/apps</c>. Unset fields are not sent.</summary>
public sealed class PgbAppCreateOptions
{
    /// <summary>Required by the docs; a title in the archive's config.xml wins over it.</summary>
    [JsonProperty("title")] public string? Title { get; set; }

    /// <summary><c>file</c> or <c>remote_repo</c>; set by the client from what is sent when left null.</summary>
    [JsonProperty("create_method")] public string? CreateMethod { get; set; }

    [JsonProperty("repo")] public string? Repo { get; set; }
    [JsonProperty("package")] public string? Package { get; set; }
    [JsonProperty("version")] public string? Version { get; set; }
    [JsonProperty("description")] public string? Description { get; set; }
    [JsonProperty("debug")] public bool? Debug { get; set; }
    [JsonProperty("private")] public bool? Private { get; set; }
    [JsonProperty("phonegap_version")] public string? PhonegapVersion { get; set; }
    [JsonProperty("hydrates")] public bool? Hydrates { get; set; }

    /// <summary>Platform to a key id (int) or an object with id and passwords.</summary>
    [JsonProperty("keys")] public IDictionary<string, object>? Keys { get; set; }
}

/// <summary>The <c>data</c> JSON of <c>PUT /api/v1/apps/:id</c> for metadata. Unset fields are not sent.</summary>
public sealed class PgbAppUpdateOptions
{
    [JsonProperty("title")] public string? Title { get; set; }
    [JsonProperty("package")] public string? Package { get; set; }
    [JsonProperty("version")] public string? Version { get; set; }
    [JsonProperty("description")] public string? Description { get; set; }
    [JsonProperty("debug")] public bool? Debug { get; set; }
    [JsonProperty("private")] public bool? Private { get; set; }
    [JsonProperty("phonegap_version")] public string? PhonegapVersion { get; set; }
    [JsonProperty("keys")] public IDictionary<string, object>? Keys { get; set; }

    /// <summary>A repo-backed app pulls its repository again (sent as <c>true</c>; unset otherwise).</summary>
    [JsonProperty("pull")] public bool? Pull { get; set; }
}
