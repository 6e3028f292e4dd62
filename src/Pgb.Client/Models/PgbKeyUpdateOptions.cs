namespace Pgb.Client.Models;

/// <summary>
/// <c>PUT /api/v1/keys/:platform/:id</c> without passwords: a new title, or the key made the account's default for
/// its platform (what the official CLI's <c>update-key</c> sent). Unset fields are not sent.
/// </summary>
public sealed class PgbKeyUpdateOptions
{
    [JsonProperty("title")] public string? Title { get; set; }

    [JsonProperty("default")] public bool? Default { get; set; }
}
