namespace Pgb.Pipeline;

public sealed partial class PgbPipeline
{
    /// <summary>
    /// The first half of <see cref="RunAsync"/>: package (or pull), upload, select the signing keys and queue the builds,
    /// without waiting for them (<c>pgb build --no-wait</c>). Returns the app's id.
    /// </summary>
    public async Task<int> QueueAsync(PgbJob job, IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (job is null)
        {
            throw new ArgumentNullException(nameof(job));
        }

        if (job.Platforms.Count == 0)
        {
            throw new PgbPipelineException(PgbErrorCodes.NoPlatforms, Strings.NoPlatforms);
        }

        return await SendAndQueueAsync(job, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What <see cref="QueueAsync"/> and <see cref="RunAsync"/> both do once the job is checked: package (or
    /// pull), upload, select the signing keys, queue the builds.</summary>
    private async Task<int> SendAndQueueAsync(PgbJob job, IProgress<PgbProgress>? progress, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(job.Upload.RepoUrl))
        {
            var archive = await PackageAsync(job.Package, progress, cancellationToken).ConfigureAwait(false);
            job.Upload.ArchivePath = archive.ArchivePath;
        }

        var app = await UploadAsync(job.Upload, progress, cancellationToken).ConfigureAwait(false);
        await UseSigningKeysAsync(app.Id, job.Keys, progress, cancellationToken).ConfigureAwait(false);
        await QueueBuildAsync(app.Id, job.Platforms, progress, cancellationToken).ConfigureAwait(false);
        return app.Id;
    }
}
