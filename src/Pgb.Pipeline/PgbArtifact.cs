namespace Pgb.Pipeline;

/// <summary>A downloaded package: what <c>@(PgbArtifact)</c> items and <c>pgb build --json</c> describe.</summary>
public sealed class PgbArtifact(string platform, string path, int appId, string? version, long length, string sha256, int? buildNumber = null)
{
    public string Platform { get; } = platform;
    public string Path { get; } = path;
    public int AppId { get; } = appId;
    public string? Version { get; } = version;
    public long Length { get; } = length;
    public string Sha256 { get; } = sha256;

    /// <summary>The app's build count when the package was downloaded (the API's <c>build_count</c>); null when the service sent none.</summary>
    public int? BuildNumber { get; } = buildNumber;
}
