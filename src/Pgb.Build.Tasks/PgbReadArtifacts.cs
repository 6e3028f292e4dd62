using Microsoft.Build.Framework;

namespace Pgb.Build.Tasks;

/// <summary>
/// Reads the manifest <see cref="PgbDownload"/> wrote: gives <c>@(PgbArtifact)</c> when the pipeline
/// target was skipped as up to date, and tells MSBuild which files that target produces. No network.
/// </summary>
public sealed class PgbReadArtifacts : PgbTask
{
    [Required] public string ManifestFile { get; set; } = string.Empty;

    [Output] public ITaskItem[] Artifacts { get; private set; } = [];

    protected override Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        Artifacts = ArtifactManifest.Read(ManifestFile).ToArray();
        return Task.CompletedTask;
    }
}
