namespace Pgb.Client.Models;

/// <summary>An app as <c>GET /api/v1/apps/:id</c>, <c>POST /api/v1/apps</c> and <c>PUT</c> return it.</summary>
public sealed class PgbApp
{
    [JsonProperty("id")] public int Id { get; set; }
    [JsonProperty("title")] public string? Title { get; set; }
    [JsonProperty("package")] public string? Package { get; set; }
    [JsonProperty("version")] public string? Version { get; set; }
    [JsonProperty("repo")] public string? Repo { get; set; }
    [JsonProperty("description")] public string? Description { get; set; }
    [JsonProperty("debug")] public bool? Debug { get; set; }
    [JsonProperty("private")] public bool? Private { get; set; }
    [JsonProperty("link")] public string? Link { get; set; }

    /// <summary>The service sent <c>null</c> for apps never built.</summary>
    [JsonProperty("build_count")] public int? BuildCount { get; set; }

    [JsonProperty("phonegap_version")] public string? PhonegapVersion { get; set; }
    [JsonProperty("hydrates")] public bool? Hydrates { get; set; }
    [JsonProperty("role")] public string? Role { get; set; }

    /// <summary>Platform to <c>pending</c>, <c>complete</c>, <c>error</c>, <c>skip</c> or <c>null</c> (not being built).</summary>
    [JsonProperty("status"), JsonConverter(typeof(TolerantDictionaryConverter<string?>))]
    public IDictionary<string, string?> Status { get; set; } = PgbMaps.Create<string?>();

    /// <summary>Platform to download path, present for finished platforms only.</summary>
    [JsonProperty("download"), JsonConverter(typeof(TolerantDictionaryConverter<string?>))]
    public IDictionary<string, string?> Download { get; set; } = PgbMaps.Create<string?>();

    /// <summary>Platform to the service's human error message.</summary>
    [JsonProperty("error"), JsonConverter(typeof(TolerantDictionaryConverter<string?>))]
    public IDictionary<string, string?> Error { get; set; } = PgbMaps.Create<string?>();

    [JsonProperty("icon")] public PgbIcon? Icon { get; set; }

    /// <summary>Platform to the key the app is built with; <c>null</c> where none is selected.</summary>
    [JsonProperty("keys"), JsonConverter(typeof(TolerantDictionaryConverter<PgbKeyReference?>))]
    public IDictionary<string, PgbKeyReference?> Keys { get; set; } = PgbMaps.Create<PgbKeyReference?>();

    /// <summary>An array in the create answer, an object with <c>active</c>/<c>pending</c> in GET: both read here.</summary>
    [JsonProperty("collaborators"), JsonConverter(typeof(CollaboratorsConverter))]
    public PgbCollaborators? Collaborators { get; set; }

    /// <summary>The status of one platform, or null when the service does not list it.</summary>
    public string? StatusOf(string platform) => Status.TryGetValue(platform, out var s) ? s : null;

    /// <summary>The error message of one platform, or null.</summary>
    public string? ErrorOf(string platform) => Error.TryGetValue(platform, out var e) ? e : null;
}

public sealed class PgbIcon
{
    [JsonProperty("filename")] public string? FileName { get; set; }
    [JsonProperty("link")] public string? Link { get; set; }
}

/// <summary>A key as it appears inside an app, a user or a listing.</summary>
public sealed class PgbKeyReference
{
    [JsonProperty("id")] public int Id { get; set; }
    [JsonProperty("title")] public string? Title { get; set; }
    [JsonProperty("default")] public bool? Default { get; set; }
    [JsonProperty("link")] public string? Link { get; set; }
    [JsonProperty("locked")] public bool? Locked { get; set; }
    [JsonProperty("role")] public string? Role { get; set; }
    [JsonProperty("alias")] public string? Alias { get; set; }
    [JsonProperty("cert_name")] public string? CertName { get; set; }
    [JsonProperty("provision")] public string? Provision { get; set; }
}

public sealed class PgbCollaborators
{
    [JsonProperty("link")] public string? Link { get; set; }
    [JsonProperty("active", NullValueHandling = NullValueHandling.Ignore)] public IList<PgbCollaborator> Active { get; set; } = new List<PgbCollaborator>();
    [JsonProperty("pending", NullValueHandling = NullValueHandling.Ignore)] public IList<PgbCollaborator> Pending { get; set; } = new List<PgbCollaborator>();
}

public sealed class PgbCollaborator
{
    [JsonProperty("id")] public int? Id { get; set; }
    [JsonProperty("person")] public string? Person { get; set; }
    [JsonProperty("role")] public string? Role { get; set; }
    [JsonProperty("link")] public string? Link { get; set; }

    /// <summary>The app, in the answer of <c>PUT /api/v1/apps/:id/collaborators/:id</c>; null inside an app.</summary>
    [JsonProperty("app", NullValueHandling = NullValueHandling.Ignore)] public PgbApp? App { get; set; }
}
