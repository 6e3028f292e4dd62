namespace Pgb.Client.Models.V0;

/// <summary>The <c>data</c> of v0's <c>POST /api/v0/apps</c> and <c>PUT /api/v0/apps/:id</c>, as its docs show them. Unset fields are not sent.</summary>
public sealed class PgbV0AppOptions
{
    [JsonProperty("title")] public string? Title { get; set; }

    /// <summary>A public git or svn repository (create only): the app is repo-backed.</summary>
    [JsonProperty("repo")] public string? Repo { get; set; }
}
