namespace Pgb.Pipeline;

/// <summary>
/// The one implementation of the main job. Each step is public so the MSBuild tasks can run them as
/// separate targets; <see cref="RunAsync"/> chains them for the <c>pgb</c> tool. Every failure leaves as a
/// <see cref="PgbPipelineException"/> with a <c>PGB####</c> code.
/// </summary>
public sealed partial class PgbPipeline
{
    private readonly PgbClient _client;
    private readonly PgbClock _clock;

    /// <param name="tokenVariable">Named in the 401 message so the user knows which variable to fix; never its value.</param>
    public PgbPipeline(PgbClient client, PgbClock? clock = null, string? tokenVariable = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _clock = clock ?? PgbClock.System;
        TokenVariable = tokenVariable ?? "PGB_AUTH_TOKEN";
    }

    public string TokenVariable { get; }

    /// <summary>The token came from <c>pgb login</c>'s credentials file, not from <see cref="TokenVariable"/>: a 401 then says to log in again.</summary>
    public bool TokenFromLogin { get; set; }

    /// <summary>Package, upload or pull, queue, wait, download.</summary>
    public async Task<PgbJobResult> RunAsync(PgbJob job, IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (job is null)
        {
            throw new ArgumentNullException(nameof(job));
        }

        job.Wait.Validate();
        // Problems found here cost nothing; found after the wait, they cost a whole build.
        if (job.Platforms.Count == 0)
        {
            throw new PgbPipelineException(PgbErrorCodes.NoPlatforms, Strings.NoPlatforms);
        }

        PrepareOutputDirectory(job.OutputDirectory);
        var appId = await SendAndQueueAsync(job, progress, cancellationToken).ConfigureAwait(false);
        var built = await WaitForCompletionAsync(appId, job.Platforms, job.Wait, progress, cancellationToken).ConfigureAwait(false);
        var artifacts = await DownloadAsync(built, job.Platforms, job.OutputDirectory, job.ArtifactName, progress, cancellationToken).ConfigureAwait(false);
        return new PgbJobResult(appId, artifacts);
    }

    /// <summary>Zips the www folder (see <see cref="PgbPackager"/>).</summary>
    public static async Task<PgbPackageResult> PackageAsync(PgbPackageRequest request, IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var result = await PgbPackager.PackageAsync(request, cancellationToken).ConfigureAwait(false);
        progress?.Report(PgbProgress.Step(PgbStage.Package,
            Strings.Packaged.F(result.EntryCount, request.WwwDirectory, result.ArchivePath, result.Length)
            + (result.HasConfigXml ? "" : Strings.PackagedWithoutConfigXml)
            + (result.ReplacedConfigXml is null ? "" : Strings.PackagedConfigXmlReplaced.F(request.ConfigXml!, result.ReplacedConfigXml))));
        return result;
    }

    /// <summary>
    /// Sends the new contents: uploads the archive to the app (creating it first when asked) or, for a
    /// repo-backed app, asks the service to pull. Returns the app as the service answered.
    /// </summary>
    public async Task<PgbApp> UploadAsync(PgbUploadRequest request, IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var appId = request.AppId ?? ReadRememberedAppId(request);
        PgbServerSettings.CheckAppChoice(appId is not null, request.CreateApp);

        var repo = !string.IsNullOrEmpty(request.RepoUrl);
        if (!repo && (string.IsNullOrEmpty(request.ArchivePath) || !File.Exists(request.ArchivePath)))
        {
            throw new ArgumentException(Strings.ArchiveToUploadMissing, nameof(request));
        }

        if (appId is { } id)
        {
            try
            {
                var updated = repo
                    ? await Call(Strings.CallPulling.F(id), () => _client.PullAppAsync(id, cancellationToken), id).ConfigureAwait(false)
                    : await Call(Strings.CallUploading.F(id), () => _client.UpdateAppFileAsync(id, request.ArchivePath!, cancellationToken), id).ConfigureAwait(false);
                progress?.Report(PgbProgress.Step(PgbStage.Upload, repo ? Strings.AppPulls.F(id, request.RepoUrl!) : Strings.Uploaded.F(Path.GetFileName(request.ArchivePath), id)));
                return updated;
            }
            catch (PgbPipelineException ex) when (ex.HttpStatus == 404 && request.AppId is null && request.CreateApp)
            {
                // The app we remembered is gone (deleted, or a local server restarted): make a new one.
                progress?.Report(PgbProgress.Step(PgbStage.Upload, Strings.RememberedAppGone.F(id)));
            }
        }

        var options = new PgbAppCreateOptions { Title = request.Title, Repo = request.RepoUrl };
        var created = repo
            ? await Call(Strings.CallCreatingApp, () => _client.CreateAppFromRepoAsync(options, cancellationToken), null).ConfigureAwait(false)
            : await Call(Strings.CallCreatingApp, () => _client.CreateAppFromFileAsync(options, request.ArchivePath!, cancellationToken), null).ConfigureAwait(false);
        RememberAppId(request, created.Id);
        progress?.Report(PgbProgress.Step(PgbStage.Upload, Strings.AppCreated.F(created.Id, created.Title ?? string.Empty)));
        return created;
    }

    /// <summary>Queues builds of the chosen platforms (202); the service discards their older builds.</summary>
    public async Task QueueBuildAsync(int appId, IReadOnlyList<string> platforms, IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await Call(Strings.CallQueuingBuild.F(appId), async () =>
        {
            await _client.QueueBuildAsync(appId, platforms, cancellationToken).ConfigureAwait(false);
            return true;
        }, appId).ConfigureAwait(false);
        progress?.Report(PgbProgress.Step(PgbStage.Build, Strings.BuildsQueued.F(string.Join(", ", platforms), appId)));
    }

    /// <summary>
    /// Unlocks the chosen signing keys with their passwords (when given) and selects them for the app, before its
    /// builds are queued: the service checks passwords only when it builds, so a wrong one fails that build. A key
    /// chosen by its <see cref="PgbSigningKey.Files"/> is found by their title or uploaded first.
    /// </summary>
    public async Task UseSigningKeysAsync(int appId, IReadOnlyList<PgbSigningKey> keys, IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (keys is null)
        {
            throw new ArgumentNullException(nameof(keys));
        }

        if (keys.Count == 0)
        {
            return;
        }

        var resolved = new List<PgbSigningKey>(keys.Count);
        foreach (var key in keys)
        {
            resolved.Add(key.Files is null ? key : await EnsureKeyAsync(key, progress, cancellationToken).ConfigureAwait(false));
        }

        keys = resolved;
        foreach (var key in keys.Where(k => k.HasPasswords))
        {
            var unlock = new PgbKeyUnlockOptions { Password = key.Password, KeyPassword = key.KeyPassword, KeystorePassword = key.KeystorePassword };
            await Call(Strings.CallUnlockingKey.F(key), () => _client.UnlockKeyAsync(key.Platform, key.KeyId, unlock, cancellationToken), null).ConfigureAwait(false);
        }

        var update = new PgbAppUpdateOptions { Keys = keys.ToDictionary(k => k.Platform, k => (object)k.KeyId, StringComparer.Ordinal) };
        await Call(Strings.CallSelectingKeys.F(appId), () => _client.UpdateAppAsync(appId, update, cancellationToken), appId).ConfigureAwait(false);
        progress?.Report(PgbProgress.Step(PgbStage.Upload, Strings.KeysChosen.F(appId, string.Join(", ", keys.Select(k => k.HasPasswords ? Strings.SigningKeyUnlocked.F(k) : k.ToString())))));
    }

    /// <summary>Reads an app as the service reports it now.</summary>
    public Task<PgbApp> GetAppAsync(int appId, CancellationToken cancellationToken = default) =>
        Call(Strings.CallReadingApp.F(appId), () => _client.GetAppAsync(appId, cancellationToken), appId);

    /// <summary>Creates the artifacts' folder up front: a path that is a file, or not writable, fails before the upload (PGB4002).</summary>
    private static void PrepareOutputDirectory(string outputDirectory)
    {
        if (string.IsNullOrWhiteSpace(outputDirectory))
        {
            throw new PgbPipelineException(PgbErrorCodes.OutputDirectoryMissing, Strings.OutputDirectoryMissing);
        }

        try
        {
            if (File.Exists(outputDirectory))
            {
                throw new IOException(Strings.OutputDirectoryIsAFile);
            }

            Directory.CreateDirectory(outputDirectory);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
        {
            throw new PgbPipelineException(PgbErrorCodes.ArtifactWriteFailed, Strings.OutputDirectoryUnusable.F(outputDirectory, ex.Message), ex);
        }
    }

    private static int? ReadRememberedAppId(PgbUploadRequest request)
    {
        if (!request.CreateApp || string.IsNullOrEmpty(request.AppIdFile) || !File.Exists(request.AppIdFile))
        {
            return null;
        }

        var text = File.ReadAllText(request.AppIdFile).Trim();
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    private static void RememberAppId(PgbUploadRequest request, int appId)
    {
        if (string.IsNullOrEmpty(request.AppIdFile))
        {
            return;
        }

        PgbFiles.WriteStateFile(request.AppIdFile!, appId.ToString(System.Globalization.CultureInfo.InvariantCulture) + Environment.NewLine);
    }
}
