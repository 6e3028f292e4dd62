namespace Pgb.Build.Tasks;

/// <summary>Uploads the archive to the app (creating it when asked) or makes a repo-backed app pull.</summary>
public sealed class PgbUpload : PgbServiceTask
{
    public string? AppId { get; set; }

    public bool CreateApp { get; set; }

    /// <summary>Where a created app's id is remembered, so later builds update the same app.</summary>
    public string? AppIdFile { get; set; }

    public string? AppTitle { get; set; }

    public string? RepoUrl { get; set; }

    /// <summary>The zip from <see cref="PgbPackage"/>; not needed for a repo-backed app.</summary>
    public string? Archive { get; set; }

    /// <summary>The app that now holds the contents.</summary>
    [Output] public string? ResolvedAppId { get; private set; }

    protected override bool YieldsNodeWhileRunning => true;

    protected override async Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var request = new PgbUploadRequest
        {
            AppId = string.IsNullOrWhiteSpace(AppId) ? null : ParseAppId(AppId!),
            CreateApp = CreateApp,
            AppIdFile = string.IsNullOrWhiteSpace(AppIdFile) ? null : AppIdFile,
            Title = string.IsNullOrWhiteSpace(AppTitle) ? null : AppTitle,
            RepoUrl = string.IsNullOrWhiteSpace(RepoUrl) ? null : RepoUrl,
            ArchivePath = string.IsNullOrWhiteSpace(Archive) ? null : Archive,
        };
        var pipeline = CreatePipeline(out var client);
        using (client)
        {
            var app = await pipeline.UploadAsync(request, Progress(), cancellationToken).ConfigureAwait(false);
            ResolvedAppId = app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
