namespace Pgb.Pipeline;

/// <summary>One call each for what <c>pgb apps</c>, <c>app</c>, <c>status</c>, <c>log</c> and <c>download</c> do, with the pipeline's coded errors.</summary>
public sealed partial class PgbPipeline
{
    /// <summary><c>GET /api/v1/apps</c>: the apps the account sees.</summary>
    public Task<IList<PgbApp>> ListAppsAsync(CancellationToken cancellationToken = default) =>
        Call(Strings.CallListingApps, () => _client.GetAppsAsync(cancellationToken), null);

    /// <summary>
    /// Creates an app from <paramref name="source"/> (www is packaged first, into a temporary archive deleted afterwards)
    /// with the metadata of <paramref name="options"/>; returns it as the service answered.
    /// </summary>
    public async Task<PgbApp> CreateAppAsync(PgbAppSource source, PgbAppCreateOptions options, IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (source is null || options is null)
        {
            throw new ArgumentNullException(source is null ? nameof(source) : nameof(options));
        }

        if (source.Count != 1 || source.Pull)
        {
            throw new PgbPipelineException(PgbErrorCodes.NoAppSource, Strings.NoAppSource);
        }

        PgbApp created;
        if (source.Repo is { } repo)
        {
            options.Repo = repo;
            created = await Call(Strings.CallCreatingApp, () => _client.CreateAppFromRepoAsync(options, cancellationToken), null).ConfigureAwait(false);
        }
        else
        {
            created = await WithArchiveAsync(source, progress, archive =>
                Call(Strings.CallCreatingApp, () => _client.CreateAppFromFileAsync(options, archive, cancellationToken), null), cancellationToken).ConfigureAwait(false);
        }

        progress?.Report(PgbProgress.Step(PgbStage.Upload, Strings.AppCreated.F(created.Id, created.Title ?? string.Empty)));
        return created;
    }

    /// <summary>
    /// Updates an app in one request: new contents from <paramref name="source"/> (or a pull), new metadata from
    /// <paramref name="update"/>, or both. The service rebuilds it afterwards.
    /// </summary>
    public async Task<PgbApp> UpdateAppAsync(int appId, PgbAppSource? source, PgbAppUpdateOptions update, IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (update is null)
        {
            throw new ArgumentNullException(nameof(update));
        }

        if (source is { Count: > 1 } || source?.Repo is not null)
        {
            throw new PgbPipelineException(PgbErrorCodes.NoAppSource, Strings.UpdateSourceInvalid);
        }

        if (source is { Pull: true })
        {
            update.Pull = true;
        }

        if (source is null || source.Count == 0 || source.Pull)
        {
            var updated = await Call(Strings.CallUpdatingApp.F(appId), () => _client.UpdateAppAsync(appId, update, cancellationToken), appId).ConfigureAwait(false);
            progress?.Report(PgbProgress.Step(PgbStage.Upload, Strings.AppUpdated.F(appId)));
            return updated;
        }

        return await WithArchiveAsync(source, progress, async archive =>
        {
            var updated = await Call(Strings.CallUploading.F(appId), () => _client.UpdateAppAsync(appId, update, archive, cancellationToken), appId).ConfigureAwait(false);
            progress?.Report(PgbProgress.Step(PgbStage.Upload, Strings.Uploaded.F(Path.GetFileName(archive), appId)));
            return updated;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>DELETE /api/v1/apps/:id</c>; returns the service's text.</summary>
    public Task<string?> DeleteAppAsync(int appId, CancellationToken cancellationToken = default) =>
        Call(Strings.CallDeletingApp.F(appId), () => _client.DeleteAppAsync(appId, cancellationToken), appId);

    /// <summary>Uploads a png as the app's icon; the service queues a build with it.</summary>
    public Task<PgbApp> SetIconAsync(int appId, string pngPath, CancellationToken cancellationToken = default)
    {
        RequireFile(pngPath);
        return Call(Strings.CallSettingIcon.F(appId), () => _client.SetIconAsync(appId, pngPath, cancellationToken), appId);
    }

    /// <summary>
    /// Queues builds of the app's current contents (no upload): of <paramref name="platforms"/>, or every platform when
    /// empty, one platform through its own route. Returns the app as answered (read again if the answer had none).
    /// </summary>
    public async Task<PgbApp> BuildAsync(int appId, IReadOnlyList<string> platforms, IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var what = Strings.CallQueuingBuild.F(appId);
        var app = platforms is { Count: 1 }
            ? await Call(what, () => _client.BuildPlatformAsync(appId, platforms[0], cancellationToken), appId).ConfigureAwait(false)
            : await Call(what, () => _client.QueueBuildAsync(appId, platforms, cancellationToken), appId).ConfigureAwait(false)
                ?? await GetAppAsync(appId, cancellationToken).ConfigureAwait(false);
        progress?.Report(PgbProgress.Step(PgbStage.Build, Strings.BuildsQueued.F(platforms is { Count: > 0 } ? string.Join(", ", platforms) : Strings.AllPlatforms, appId)));
        return app;
    }

    /// <summary>
    /// Waits for the app's builds: of <paramref name="platforms"/>, or, when none are given, of those being built now
    /// (status other than null). Returns at once when nothing is being built; PGB3001 or PGB3002 as the pipeline's wait.
    /// </summary>
    public async Task<PgbApp> WaitForBuildsAsync(int appId, IReadOnlyList<string>? platforms, PgbWaitOptions options, IProgress<PgbProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (platforms is not { Count: > 0 })
        {
            var app = await GetAppAsync(appId, cancellationToken).ConfigureAwait(false);
            platforms = [.. app.Status.Where(s => s.Value is not null).Select(s => s.Key)];
            if (platforms.Count == 0)
            {
                return app;
            }
        }

        return await WaitForCompletionAsync(appId, platforms, options, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last build log of one platform (the official CLI's extension).</summary>
    public Task<string> GetBuildLogAsync(int appId, string platform, CancellationToken cancellationToken = default) =>
        Call(Strings.CallReadingLog.F(platform, appId), () => _client.GetBuildLogAsync(appId, platform, cancellationToken), appId);

    /// <summary>
    /// Downloads the packages of an app that are built: of <paramref name="platforms"/> (PGB3003 for one that is not
    /// complete), or of every complete platform when none are given (PGB3003 when there is none).
    /// </summary>
    public async Task<IReadOnlyList<PgbArtifact>> DownloadAppAsync(int appId, IReadOnlyList<string>? platforms, string outputDirectory, string artifactName,
        IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        PrepareOutputDirectory(outputDirectory);
        var app = await GetAppAsync(appId, cancellationToken).ConfigureAwait(false);
        if (platforms is not { Count: > 0 })
        {
            platforms = [.. app.Status.Where(s => s.Value == PgbBuildStatus.Complete).Select(s => s.Key).OrderBy(p => p, StringComparer.Ordinal)];
            if (platforms.Count == 0)
            {
                throw new PgbPipelineException(PgbErrorCodes.NotDownloadable, Strings.NothingToDownload.F(appId));
            }
        }

        return await DownloadAsync(app, platforms, outputDirectory, artifactName, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The PhoneGap versions the service builds with (the official CLI's extension).</summary>
    public Task<PgbCurrentSupport> GetCurrentSupportAsync(CancellationToken cancellationToken = default) =>
        Call(Strings.CallReadingSupport, () => _client.GetCurrentSupportAsync(cancellationToken), null);

    /// <summary>Runs <paramref name="send"/> with the archive the source names: its file, or www packaged into a temporary zip (deleted after).</summary>
    private static async Task<T> WithArchiveAsync<T>(PgbAppSource source, IProgress<PgbProgress>? progress, Func<string, Task<T>> send, CancellationToken cancellationToken)
    {
        if (source.File is { } file)
        {
            RequireFile(file);
            return await send(file).ConfigureAwait(false);
        }

        var archive = Path.Combine(source.TemporaryFolder ?? Path.GetTempPath(), "pgb-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            var packaged = await PackageAsync(new PgbPackageRequest { WwwDirectory = source.WwwDirectory!, ConfigXml = source.ConfigXml, OutputPath = archive }, progress, cancellationToken).ConfigureAwait(false);
            return await send(packaged.ArchivePath).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                File.Delete(archive);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // A temporary archive left behind is not worth failing the command over.
            }
        }
    }

    /// <summary>PGB1019 for a file to upload that is not there, before anything is sent.</summary>
    private static void RequireFile(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new PgbPipelineException(PgbErrorCodes.FileNotFound, Strings.FileToUploadMissing.F(path ?? string.Empty));
        }
    }
}
