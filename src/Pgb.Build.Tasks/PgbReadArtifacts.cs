namespace Pgb.Build.Tasks;

/// <summary>
/// Reads the manifest <see cref="PgbDownload"/> wrote: gives <c>@(PgbArtifact)</c> when the steps were skipped as
/// up to date, and tells MSBuild which files those steps produce. No network.
/// </summary>
public sealed class PgbReadArtifacts : PgbTask
{
    [Required] public string ManifestFile { get; set; } = string.Empty;

    /// <summary>
    /// Logs one line per package (<c>PhoneGap Build: android -> /path/App-android.apk</c>), at high importance:
    /// what a build log shows as the job's result, whether the packages were downloaded now or are up to date.
    /// </summary>
    public bool LogArtifacts { get; set; }

    [Output] public ITaskItem[] Artifacts { get; private set; } = [];

    protected override Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        Artifacts = ArtifactManifest.Read(ManifestFile).ToArray();
        if (LogArtifacts)
        {
            foreach (var artifact in Artifacts)
            {
                var line = string.Format(CultureInfo.InvariantCulture, Strings.ArtifactLine, artifact.GetMetadata("Platform"), artifact.ItemSpec);
                Log.LogMessage(MessageImportance.High, string.Format(CultureInfo.InvariantCulture, Strings.ProgressLine, line));
            }
        }

        return Task.CompletedTask;
    }
}
