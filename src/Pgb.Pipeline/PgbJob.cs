namespace Pgb.Pipeline;

/// <summary>The whole main job, as <c>pgb build</c> runs it: package, upload or pull, build, wait, download.</summary>
public sealed class PgbJob
{
    public PgbPackageRequest Package { get; set; } = new();

    public PgbUploadRequest Upload { get; set; } = new();

    /// <summary>Normalized platform names (see <see cref="PgbPlatformList.Parse"/>).</summary>
    public IReadOnlyList<string> Platforms { get; set; } = ["android", "ios"];

    /// <summary>Signing keys to unlock and select before the builds are queued; none by default.</summary>
    public IReadOnlyList<PgbSigningKey> Keys { get; set; } = [];

    public PgbWaitOptions Wait { get; set; } = new();

    public string OutputDirectory { get; set; } = ".";

    /// <summary>Artifacts are saved as <c>{ArtifactName}-{platform}.{ext}</c>.</summary>
    public string ArtifactName { get; set; } = "app";
}

public sealed class PgbJobResult(int appId, IReadOnlyList<PgbArtifact> artifacts)
{
    public int AppId { get; } = appId;
    public IReadOnlyList<PgbArtifact> Artifacts { get; } = artifacts;
}
