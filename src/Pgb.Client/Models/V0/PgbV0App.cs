namespace Pgb.Client.Models.V0;

/// <summary>
/// An app as API v0 shows it: flat, with one <c>PLATFORM_status</c> field per platform (<c>android_status</c>,
/// <c>webos_status</c>...) whose value is free text (<c>"complete"</c>, <c>"blackberry pending"</c>,
/// <c>"compiling webos project"</c>), <c>repo_url</c> and <c>desc</c> where v1 says <c>repo</c> and <c>description</c>.
/// </summary>
public sealed class PgbV0App
{
    private const string StatusSuffix = "_status";

    [JsonProperty("id")] public int Id { get; set; }
    [JsonProperty("title")] public string? Title { get; set; }
    [JsonProperty("repo_url")] public string? RepoUrl { get; set; }

    /// <summary>The icon's file name (<c>icon.png</c>), or null.</summary>
    [JsonProperty("icon")] public string? Icon { get; set; }

    /// <summary>A string; the v0 docs show it as a number too (<c>99.999</c>), read as its text.</summary>
    [JsonProperty("version"), JsonConverter(typeof(TextOrNumberConverter))] public string? Version { get; set; }

    [JsonProperty("package")] public string? Package { get; set; }
    [JsonProperty("person_id")] public int? PersonId { get; set; }
    [JsonProperty("desc")] public string? Description { get; set; }
    [JsonProperty("created_at")] public DateTimeOffset? CreatedAt { get; set; }
    [JsonProperty("updated_at")] public DateTimeOffset? UpdatedAt { get; set; }

    [JsonExtensionData] private IDictionary<string, JToken> Other { get; set; } = new Dictionary<string, JToken>();

    /// <summary>Platform (<c>android</c>, from <c>android_status</c>) to its status text; null where the service sent null.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string?> Status =>
        Other.Where(p => p.Key.EndsWith(StatusSuffix, StringComparison.Ordinal) && p.Key.Length > StatusSuffix.Length)
            .ToDictionary(
                p => p.Key.Substring(0, p.Key.Length - StatusSuffix.Length),
                p => p.Value.Type == JTokenType.Null ? null : p.Value.Type == JTokenType.String ? (string?)p.Value : p.Value.ToString(Formatting.None),
                StringComparer.OrdinalIgnoreCase);

    /// <summary>The status text of one platform, or null.</summary>
    public string? StatusOf(string platform) => Status.TryGetValue(platform, out var status) ? status : null;
}

/// <summary>Reads a string, or a number as its text (<c>99.999</c>); writes a string.</summary>
internal sealed class TextOrNumberConverter : JsonConverter
{
    public override bool CanConvert(Type objectType) => objectType == typeof(string);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var token = JToken.Load(reader);
        return token.Type switch
        {
            JTokenType.Null or JTokenType.Undefined => null,
            JTokenType.String => (string?)token,
            JTokenType.Integer or JTokenType.Float or JTokenType.Boolean => ((JValue)token).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => token.ToString(Formatting.None),
        };
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) => writer.WriteValue((string?)value);
}
