namespace Pgb.Pipeline;

public sealed partial class PgbPipeline
{
    /// <summary>
    /// Downloads each chosen platform's package of a finished app into <paramref name="outputDirectory"/> as
    /// <c>{artifactName}-{platform}.{ext}</c>; each file is written under a temporary name and renamed.
    /// </summary>
    public async Task<IReadOnlyList<PgbArtifact>> DownloadAsync(PgbApp app, IReadOnlyList<string> platforms, string outputDirectory, string artifactName,
        IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (app is null)
        {
            throw new ArgumentNullException(nameof(app));
        }

        if (string.IsNullOrWhiteSpace(outputDirectory))
        {
            throw new PgbPipelineException(PgbErrorCodes.OutputDirectoryMissing, Strings.OutputDirectoryMissing);
        }

        var artifacts = new List<PgbArtifact>();
        foreach (var platform in platforms)
        {
            if (app.StatusOf(platform) != PgbBuildStatus.Complete)
            {
                throw new PgbPipelineException(PgbErrorCodes.NotDownloadable, Strings.NotDownloadable.F(app.Id, platform));
            }

            var signed = app.Keys.TryGetValue(platform, out var key) && key is not null;
            var path = Path.Combine(outputDirectory, $"{artifactName}-{platform}.{PgbPlatforms.ExtensionOf(platform, signed)}");
            // At most one report a second: the client reports every buffer, which would flood a build log.
            var lastReport = _clock.Now;
            IProgress<PgbTransferProgress> bytes = new SynchronousProgress<PgbTransferProgress>(n =>
            {
                if (progress is null || _clock.Now - lastReport < TimeSpan.FromSeconds(1))
                {
                    return;
                }

                lastReport = _clock.Now;
                var message = n.TotalBytes is { } total
                    ? Strings.DownloadProgressOf.F(platform, n.BytesTransferred, total)
                    : Strings.DownloadProgress.F(platform, n.BytesTransferred);
                progress.Report(PgbProgress.TransferProgress(PgbStage.Download, platform, n.BytesTransferred, n.TotalBytes, message));
            });
            PgbDownloadResult result;
            try
            {
                result = await Call(Strings.CallDownloading.F(platform, app.Id),
                    () => _client.DownloadAsync(app.Id, platform, path, bytes, cancellationToken), app.Id).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new PgbPipelineException(PgbErrorCodes.ArtifactWriteFailed, Strings.ArtifactWriteFailed.F(platform, path, ex.Message), ex);
            }

            var final = result.FilePath;
            var remoteExtension = Path.GetExtension(result.RemoteFileName ?? string.Empty).TrimStart('.');
            if (remoteExtension.Length > 0 && !final.EndsWith("." + remoteExtension, StringComparison.OrdinalIgnoreCase) && IsKnownExtension(remoteExtension))
            {
                // The service knows best (BlackBerry is jad unsigned, zip signed): keep its extension.
                var renamed = Path.ChangeExtension(final, remoteExtension.ToLowerInvariant());
                try
                {
                    PgbFiles.MoveIntoPlace(final, renamed);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new PgbPipelineException(PgbErrorCodes.ArtifactWriteFailed, Strings.ArtifactWriteFailed.F(platform, renamed, ex.Message), ex);
                }

                final = renamed;
            }

            artifacts.Add(new PgbArtifact(platform, final, app.Id, app.Version, result.Length, result.Sha256, app.BuildCount));
            progress?.Report(PgbProgress.TransferDone(PgbStage.Download, platform, result.Length, Strings.DownloadSaved.F(platform, final, result.Length)));
        }

        return artifacts;
    }

    private static bool IsKnownExtension(string extension) =>
        extension.ToLowerInvariant() is "apk" or "aab" or "ipa" or "ipk" or "jad" or "zip" or "wgz" or "xap" or "appx";
}
