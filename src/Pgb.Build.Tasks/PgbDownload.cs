namespace Pgb.Build.Tasks;

/// <summary>
/// Downloads each chosen platform's package into the output folder and records them in a manifest,
/// which later builds read (with <see cref="PgbReadArtifacts"/>) when the download is up to date.
/// </summary>
public sealed class PgbDownload : PgbServiceTask
{
    [Required] public string AppId { get; set; } = string.Empty;

    [Required] public string Platforms { get; set; } = string.Empty;

    [Required] public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Files are named <c>{ArtifactName}-{platform}.{ext}</c>.</summary>
    [Required] public string ArtifactName { get; set; } = string.Empty;

    /// <summary>Written once every download succeeded; absent after a failure, so the next build retries.</summary>
    public string? ManifestFile { get; set; }

    /// <summary>One item per package, with metadata Platform, AppId, Version, Length and Sha256.</summary>
    [Output] public ITaskItem[] Artifacts { get; private set; } = [];

    protected override bool YieldsNodeWhileRunning => true;

    protected override async Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var appId = ParseAppId(AppId);
        var platforms = PgbPlatformList.Parse(Platforms);
        var pipeline = CreatePipeline(out var client);
        using (client)
        {
            var app = await pipeline.GetAppAsync(appId, cancellationToken).ConfigureAwait(false);
            var artifacts = await pipeline.DownloadAsync(app, platforms, OutputDirectory, ArtifactName, Progress(), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(ManifestFile))
            {
                ArtifactManifest.Write(ManifestFile!, artifacts);
            }

            Artifacts = artifacts.Select(ArtifactManifest.ToItem).ToArray();
        }
    }
}
