namespace Pgb.Client.Models;

/// <summary><c>GET /api/v1/me</c>: the user and links to the resources the API is navigated from.</summary>
public sealed class PgbUser
{
    [JsonProperty("id")] public int Id { get; set; }
    [JsonProperty("username")] public string? UserName { get; set; }
    [JsonProperty("email")] public string? Email { get; set; }
    [JsonProperty("link")] public string? Link { get; set; }
    [JsonProperty("apps")] public PgbAppLinks? Apps { get; set; }
    [JsonProperty("keys"), JsonConverter(typeof(KeyGroupsConverter))]
    public PgbKeyGroups? Keys { get; set; }
}

public sealed class PgbAppLinks
{
    [JsonProperty("link")] public string? Link { get; set; }
    // "all": null keeps the empty list (here and in the other lists): callers iterate without a null check.
    [JsonProperty("all", NullValueHandling = NullValueHandling.Ignore)] public IList<PgbAppSummary> All { get; set; } = new List<PgbAppSummary>();
}

public sealed class PgbAppSummary
{
    [JsonProperty("id")] public int? Id { get; set; }
    [JsonProperty("title")] public string? Title { get; set; }
    [JsonProperty("role")] public string? Role { get; set; }
    [JsonProperty("link")] public string? Link { get; set; }
}

/// <summary><c>GET /api/v1/apps</c>.</summary>
public sealed class PgbAppList
{
    [JsonProperty("apps", NullValueHandling = NullValueHandling.Ignore)] public IList<PgbApp> Apps { get; set; } = new List<PgbApp>();
    [JsonProperty("link")] public string? Link { get; set; }
}

/// <summary>Key groups per platform, as <c>/me</c> and <c>/keys</c> list them (ios, android, blackberry, windows, winphone...).</summary>
public sealed class PgbKeyGroups
{
    public string? Link { get; set; }
    public IDictionary<string, PgbKeyGroup?> Platforms { get; } = PgbMaps.Create<PgbKeyGroup?>();
}

public sealed class PgbKeyGroup
{
    [JsonProperty("link")] public string? Link { get; set; }
    [JsonProperty("all", NullValueHandling = NullValueHandling.Ignore)] public IList<PgbKeyReference> All { get; set; } = new List<PgbKeyReference>();
}

/// <summary><c>GET /api/v1/keys</c>.</summary>
public sealed class PgbKeyListing
{
    [JsonProperty("keys"), JsonConverter(typeof(KeyGroupsConverter))]
    public PgbKeyGroups? Keys { get; set; }
    [JsonProperty("link")] public string? Link { get; set; }
}

/// <summary><c>GET /api/v1/keys/:platform</c>: a plain list of keys, where <c>/keys</c> groups them by platform.</summary>
public sealed class PgbPlatformKeyListing
{
    [JsonProperty("keys", NullValueHandling = NullValueHandling.Ignore)] public IList<PgbKeyReference> Keys { get; set; } = new List<PgbKeyReference>();
    [JsonProperty("link")] public string? Link { get; set; }
}
