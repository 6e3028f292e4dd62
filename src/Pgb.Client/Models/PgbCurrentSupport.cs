namespace Pgb.Client.Models;

/// <summary>
/// <c>GET /api/v1/current_support</c>, the extension the official CLI listed PhoneGap versions with:
/// <c>{"default":"...","by_phonegap":{"VERSION":...}}</c>. What each version maps to drifted (a list of platforms,
/// or platform to the version of its tools), so it is kept as the service sent it.
/// </summary>
public sealed class PgbCurrentSupport
{
    /// <summary>The PhoneGap version apps get when they name none.</summary>
    [JsonProperty("default")] public string? Default { get; set; }

    /// <summary>Each supported PhoneGap version and what the service says it supports, in the order sent.</summary>
    [JsonProperty("by_phonegap", NullValueHandling = NullValueHandling.Ignore)]
    public IDictionary<string, JToken?> ByPhonegap { get; set; } = new Dictionary<string, JToken?>(StringComparer.Ordinal);
}
