namespace Pgb.Build.Tasks;

/// <summary>Zips the www folder (with config.xml at the root) deterministically.</summary>
public sealed class PgbPackage : PgbTask
{
    [Required] public string WwwDirectory { get; set; } = string.Empty;

    /// <summary>A config.xml outside www; empty to use www/config.xml.</summary>
    public string? ConfigXml { get; set; }

    [Required] public string OutputFile { get; set; } = string.Empty;

    [Output] public string? Archive { get; private set; }

    protected override async Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var request = new PgbPackageRequest
        {
            WwwDirectory = WwwDirectory,
            ConfigXml = string.IsNullOrWhiteSpace(ConfigXml) ? null : ConfigXml,
            OutputPath = OutputFile,
        };
        var result = await PgbPipeline.PackageAsync(request, Progress(), cancellationToken).ConfigureAwait(false);
        Archive = result.ArchivePath;
    }
}
