namespace Pgb.Client.Models;

/// <summary>The app fields the <c>data</c> JSON of <c>POST /api/v1/apps</c> (<see cref="PgbAppCreateOptions"/>) and of
/// <c>PUT /api/v1/apps/:id</c> (<see cref="PgbAppUpdateOptions"/>) both take. Unset fields are not sent.</summary>
public abstract class PgbAppMetadata
{
    // Closed: the Write API has exactly these two app requests.
    private protected PgbAppMetadata()
    {
    }

    /// <summary>Required by the docs when creating; a title in the archive's config.xml wins over it.</summary>
    [JsonProperty("title")] public string? Title { get; set; }

    [JsonProperty("package")] public string? Package { get; set; }
    [JsonProperty("version")] public string? Version { get; set; }
    [JsonProperty("description")] public string? Description { get; set; }
    [JsonProperty("debug")] public bool? Debug { get; set; }
    [JsonProperty("private")] public bool? Private { get; set; }
    [JsonProperty("phonegap_version")] public string? PhonegapVersion { get; set; }

    /// <summary>Platform to a key id (int) or an object with id and passwords.</summary>
    [JsonProperty("keys")] public IDictionary<string, object>? Keys { get; set; }
}
