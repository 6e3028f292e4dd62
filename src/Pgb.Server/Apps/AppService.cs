namespace Pgb.Server.Apps;

/// <summary>The apps of a server, whichever API (v1, v0) asks. Every operation on an app first resolves the caller's app,
/// letting <see cref="AppAccess"/> decide whether the caller may do what it asks, before any request body is read; it then
/// validates, queues builds, keeps the blob store in step with the record (<see cref="BlobChanges"/>) and persists.
/// Changes to one app are serialized on its gate, from reading the current version to committing the next; reads take
/// the current version without locking. Every answer is an <see cref="AppView"/> of the version the request itself read
/// or produced, so no answer shows another request's change. A repo-backed app's repository is fetched in the background
/// (<see cref="RepositoryCheckouts"/>); the fetch ends in <see cref="CompleteCheckout"/>, which commits like any other
/// change.</summary>
internal sealed partial class AppService(IAppStore store, IBlobStore blobs, KeyService keys, PgbSimulation simulation, InspectionLimits inspection, Func<DateTimeOffset> clock,
    AppAccess access, RepositoryCheckouts checkouts)
{
    /// <summary>The apps the caller may see (its own and those shared with it), by id.</summary>
    public IReadOnlyList<AppView> List(StoredAccount caller)
    {
        var now = clock();
        return [.. store.All().Where(app => access.RoleOf(caller, app) is not null).Select(app => View(caller, app, now))];
    }

    public AppView Get(StoredAccount caller, int id) => View(caller, Find(caller, id, AppAction.Read), clock());

    /// <summary>POST /apps. create_method may be missing (the official CLI never sent it): a file means <c>file</c>, a repo
    /// means <c>remote_repo</c>. The title may be missing too when config.xml has a &lt;name&gt;; only when neither gives
    /// one is it a 400. Every platform (or the <c>platforms</c> asked for) is queued; a repo app's builds wait for its
    /// repository to be fetched. The owner's default keys are selected for the platforms <c>keys</c> does not name.
    /// Everything is checked before anything is written, so a refused request leaves nothing behind.</summary>
    public AppView Create(StoredAccount caller, NewApp request)
    {
        var method = request.CreateMethod?.Trim().ToLowerInvariant();
        method ??= request.File is not null ? "file" : !string.IsNullOrWhiteSpace(request.Repo) ? "remote_repo" : null;
        Upload? source = null;
        string? repo = null;
        switch (method)
        {
            case "file":
                source = request.File ?? throw ServerErrors.FilePartMissing();
                break;
            case "remote_repo":
                repo = AppEditor.CheckRepo(request.Repo);
                break;
            case null:
                throw ServerErrors.SourceMissing();
            default:
                throw ServerErrors.UnknownCreateMethod(method);
        }

        var platforms = PlatformsOrAll(request.Platforms);
        var info = source is null ? null : SourceArchive.Inspect(source.Content, inspection);
        if (string.IsNullOrWhiteSpace(info?.Config?.Name ?? request.Edits.Title))
        {
            throw source is null ? ServerErrors.TitleRequired() : ServerErrors.TitleRequiredForUpload();
        }

        var now = clock();
        var id = store.NextId();
        var created = Commit(null, written =>
        {
            var app = Edit(new AppRecord
            {
                Id = id,
                OwnerId = caller.Id,
                OwnerEmail = caller.Account.Email,
                RepoBacked = method == "remote_repo",
                CreatedAt = now,
                UpdatedAt = now,
            }, WithDefaultKeys(caller, request.Edits));
            app = source is not null ? AppEditor.WithSource(app, source, info!, written) : AppEditor.WithCheckout(app, repo!);
            return Queue(app, platforms, now);
        }, store.Add);
        return View(caller, created, now);
    }

    /// <summary>PUT /apps/:id: metadata, a new source for file apps, a pull or a new repository for repo apps. Any change
    /// queues every platform, as the Write API says; an update that changes nothing just answers the app. A 400 leaves
    /// the app as it was.</summary>
    public async Task<AppView> UpdateAsync(StoredAccount caller, int id, Func<Task<AppUpdate>> readRequest)
    {
        var app = Find(caller, id, AppAction.Update);
        var request = await readRequest();
        if (request.Edits.Keys is not null)
        {
            // The keys are the owner's: a developer builds with those selected, but does not choose them.
            _ = Find(caller, id, AppAction.SelectKeys);
        }

        // Whether an app is repo backed never changes, so these hold for whatever version the change below starts from.
        if (request.File is not null && app.RepoBacked)
        {
            throw ServerErrors.RepoBacked(app.Id);
        }

        if ((request.Pull || request.Repo is { Length: > 0 }) && !app.RepoBacked)
        {
            throw ServerErrors.NotRepoBacked(app.Id);
        }

        var newRepo = request.Repo is { Length: > 0 } repo ? AppEditor.CheckRepo(repo) : null;
        var info = request.File is null ? null : SourceArchive.Inspect(request.File.Content, inspection);
        return Change(caller, id, AppAction.Update, (current, now, written) =>
        {
            var changed = request.Edits.Any;
            var next = changed ? Edit(current, request.Edits) : current;
            if (request.File is not null)
            {
                next = AppEditor.WithSource(next, request.File, info!, written);
                changed = true;
            }

            if (newRepo is not null || request.Pull)
            {
                next = AppEditor.WithCheckout(next with { PullCount = next.PullCount + (request.Pull ? 1 : 0) }, newRepo ?? next.Repo!);
                changed = true;
            }

            return changed ? Queue(next, Platforms.All, now) : current;
        });
    }

    /// <summary>Only the named platforms (all when none is named) are discarded and requeued; the others keep their state.</summary>
    public async Task<AppView> BuildAsync(StoredAccount caller, int id, Func<Task<IReadOnlyList<string>?>> readPlatforms)
    {
        _ = Find(caller, id, AppAction.Build);
        var platforms = PlatformsOrAll(await readPlatforms());
        return Change(caller, id, AppAction.Build, (current, now, _) => Queue(current, platforms, now));
    }

    /// <summary>A new icon queues the app for building, as the Write API says. <paramref name="readIcon"/> is given the
    /// largest icon taken (the budget of icons found in uploads too) and fails on a larger one before reading it.</summary>
    public async Task<AppView> SetIconAsync(StoredAccount caller, int id, Func<long, Task<Upload?>> readIcon)
    {
        _ = Find(caller, id, AppAction.Update);
        var icon = await readIcon(inspection.MaxIconBytes) ?? throw ServerErrors.IconMissing();
        var fileName = string.IsNullOrEmpty(icon.FileName) ? "icon.png" : icon.FileName;
        return Change(caller, id, AppAction.Update, (current, now, written) =>
            Queue(AppEditor.WithIcon(current, fileName, icon.Content, written), Platforms.All, now));
    }

    /// <summary>Removes the app and, once it is gone, every blob it had: its links stop working at once.</summary>
    public void Delete(StoredAccount caller, int id)
    {
        lock (Find(caller, id, AppAction.Delete).Gate)
        {
            var current = Find(caller, id, AppAction.Delete);
            if (!store.Remove(current.Id))
            {
                throw ServerErrors.AppNotAvailable(id);
            }

            BlobChanges.DropReplaced(blobs, current, null);
        }

        checkouts.Cancel(id);
    }

    /// <summary>The log of the platform's current build (an extension the official CLI used).</summary>
    public string BuildLog(StoredAccount caller, int id, string platform)
    {
        var app = Find(caller, id, AppAction.Read);
        var canonical = Normalize([platform])[0];
        return app.Builds.TryGetValue(canonical, out var build) ? build.Log(clock()) : throw ServerErrors.NoBuildLog(app.Id, canonical);
    }

    /// <summary>The package of the platform's build when it is complete, stored on its first download. Stored under the
    /// app's gate, once the build is found to be still current: a download racing a delete or a rebuild either stores the
    /// package before the change drops the build's blobs, or finds the build gone. Never a live link to a build that is
    /// no longer current.</summary>
    public PackageLookup FindPackage(StoredAccount caller, int id, string platform)
    {
        Platforms.TryNormalize(platform, out var canonical);
        var app = Find(caller, id, AppAction.Download);

        // Made before taking the gate, so that making it does not hold up changes to the app. A delete or a new upload may
        // drop the build's source meanwhile: then nothing is made here, and the check under the gate finds the build gone.
        var early = app.Builds.GetValueOrDefault(canonical);
        var made = early is not null && early.State(clock()) == BuildStates.Complete && !blobs.Contains(early.StorageKey) ? TryMakePackage(early) : null;

        lock (app.Gate)
        {
            var build = Find(caller, id, AppAction.Download).Builds.GetValueOrDefault(canonical);
            var state = build?.State(clock());
            if (build is null || state != BuildStates.Complete)
            {
                return new PackageLookup(id, platform, canonical, state, null);
            }

            blobs.GetOrAdd(build.StorageKey, () => ReferenceEquals(build, early) && made is not null ? made : MakePackage(build));
            return new PackageLookup(id, platform, canonical, state, build.StorageKey);
        }
    }

    public AppIcon Icon(StoredAccount caller, int id) => Find(caller, id, AppAction.Read).Icon ?? throw ServerErrors.NoIcon(id);

    /// <summary>The bytes a download of the app's current complete build serves (what the blob store holds once a
    /// download stored it, else the same bytes made from the build's spec), or null. For the server's owner, not for a
    /// request: no access check.</summary>
    public byte[]? CurrentArtifact(int id, string platform)
    {
        if (store.Find(id) is not { } app || !Platforms.TryNormalize(platform, out var canonical))
        {
            return null;
        }

        var build = app.Builds.GetValueOrDefault(canonical);
        return build is not null && build.State(clock()) == BuildStates.Complete ? blobs.Get(build.StorageKey) ?? TryMakePackage(build) : null;
    }

    /// <summary>Fetches the repositories of the apps whose fetch was under way when the server last stopped (their builds
    /// are still waiting for it).</summary>
    public void ResumeCheckouts()
    {
        foreach (var app in store.All().Where(a => a.CheckoutId is not null && a.Repo is not null))
        {
            StartCheckout(app);
        }
    }

    /// <summary>A fetch ended. Unless a newer one replaced it or the app is gone, the app takes the fetched source (and
    /// what its config.xml says, like an upload) and the builds that waited for it start; or, when there is no source,
    /// they end in error with git's message and the app keeps the source it had.</summary>
    public void CompleteCheckout(int id, string checkoutId, CheckoutResult result)
    {
        if (store.Find(id) is not { } app)
        {
            return;
        }

        lock (app.Gate)
        {
            if (store.Find(id) is not { } current || current.CheckoutId != checkoutId)
            {
                return;
            }

            var now = clock();
            Commit(current, written =>
            {
                var next = current with { CheckoutId = null };
                if (result is not { Source: { } source, Info: { } info })
                {
                    return BuildQueue.FailAwaited(next, result.Error ?? "the repository could not be fetched", now);
                }

                next = AppEditor.WithSource(next, new Upload("checkout.zip", source), info, written) with { SourceCommit = result.Commit };
                return BuildQueue.StartAwaited(next, simulation, now, platform => KeyFor(next, platform));
            }, store.Replace);
        }
    }

    /// <summary>The caller's app: the current version, if the caller may do <paramref name="action"/> to it; otherwise the
    /// app is "not available", whether it exists or not, to someone without a role on it, and refused to a collaborator
    /// whose role does not allow it (<see cref="AppAccess.Check"/>).</summary>
    private AppRecord Find(StoredAccount caller, int id, AppAction action)
    {
        var app = store.Find(id);
        access.Check(caller, app, id, action);
        return app!;
    }

    /// <summary>Runs <paramref name="change"/> on the current version under the app's gate and commits what it returns
    /// (returning the version it was given commits nothing).</summary>
    private AppView Change(StoredAccount caller, int id, AppAction action, Func<AppRecord, DateTimeOffset, BlobChanges, AppRecord> change)
    {
        var (next, now) = Apply(caller, id, action, change);
        return View(caller, next, now);
    }

    /// <summary><see cref="Change"/> without the answer: the committed version and its instant.</summary>
    private (AppRecord Next, DateTimeOffset Now) Apply(StoredAccount caller, int id, AppAction action, Func<AppRecord, DateTimeOffset, BlobChanges, AppRecord> change)
    {
        lock (Find(caller, id, action).Gate)
        {
            // Again, under the gate: the change that held it before may have deleted the app.
            var current = Find(caller, id, action);
            var now = clock();
            return (Commit(current, written => change(current, now, written), store.Replace), now);
        }
    }

    private AppRecord Commit(AppRecord? current, Func<BlobChanges, AppRecord> change, Action<AppRecord> commit)
    {
        var written = new BlobChanges(blobs);
        AppRecord next;
        try
        {
            next = change(written);
            if (!ReferenceEquals(next, current))
            {
                commit(next);
            }
        }
        catch
        {
            written.Abandon();
            throw;
        }

        if (current is not null)
        {
            BlobChanges.DropReplaced(blobs, current, next);
        }

        if (next.CheckoutId is not null && next.CheckoutId != current?.CheckoutId)
        {
            StartCheckout(next);
        }

        return next;
    }

    /// <summary>Applies metadata; the passwords of <c>keys</c> entries unlock their keys (reached only by requests found
    /// valid, so a refused request unlocks nothing).</summary>
    private AppRecord Edit(AppRecord app, AppEdits edits)
    {
        foreach (var selection in edits.Keys ?? [])
        {
            if (selection is { Id: { } keyId, Passwords: { } passwords })
            {
                keys.Unlock(app.OwnerId, selection.Platform, keyId, passwords);
            }
        }

        return AppEditor.Apply(app, edits);
    }

    /// <summary>Queues builds. A repo app with no source yet (never fetched, its first fetch failed, or recorded by a
    /// server that did not fetch) fetches its repository first.</summary>
    private AppRecord Queue(AppRecord app, IEnumerable<string> platforms, DateTimeOffset now)
    {
        if (app is { RepoBacked: true, SourceKey: null, CheckoutId: null, Repo: { } repo })
        {
            app = AppEditor.WithCheckout(app, repo);
        }

        return BuildQueue.Queue(app, platforms, simulation, now, platform => KeyFor(app, platform));
    }

    private KeyForBuild KeyFor(AppRecord app, string platform) => keys.ForBuild(app.OwnerId, platform, app.KeyIds);

    private void StartCheckout(AppRecord app)
    {
        var checkoutId = app.CheckoutId!;
        checkouts.Start(app.Id, app.Repo!, app.Tag, result => CompleteCheckout(app.Id, checkoutId, result));
    }

    /// <summary>The request's edits, plus the owner's default key for each platform its <c>keys</c> do not name.</summary>
    private AppEdits WithDefaultKeys(StoredAccount caller, AppEdits edits)
    {
        var named = edits.Keys?.Select(k => k.Platform).ToHashSet(StringComparer.Ordinal) ?? [];
        var defaults = new List<KeySelection>();
        foreach (var (keyPlatform, id) in keys.Defaults(caller.Id))
        {
            if (Platforms.TryNormalize(keyPlatform, out var platform) && !named.Contains(platform))
            {
                defaults.Add(new KeySelection(platform, id, null));
            }
        }

        return defaults.Count == 0 ? edits : edits with { Keys = [.. edits.Keys ?? [], .. defaults] };
    }

    /// <summary>The package of a complete build, from the source its spec names. Under the app's gate, a current build's
    /// source is always there.</summary>
    private byte[] MakePackage(PlatformBuild build) =>
        TryMakePackage(build) ?? throw new InvalidOperationException($"the source {build.Spec.SourceKey} of app {build.Spec.AppId}'s build is missing from the blob store");

    /// <summary>The same, or null when the source is gone: read outside the gate, the build may have been replaced or
    /// its app deleted since.</summary>
    private byte[]? TryMakePackage(PlatformBuild build)
    {
        byte[]? source = null;
        if (build.Spec.SourceKey is { } key && (source = blobs.Get(key)) is null)
        {
            return null;
        }

        return ArtifactFactory.Create(build.Spec, source, inspection);
    }

    /// <summary>The app as the caller sees it, in the role it has on this version (a change may have just given it another:
    /// an admin can make itself a tester).</summary>
    private AppView View(StoredAccount caller, AppRecord app, DateTimeOffset now)
    {
        var role = access.RoleOf(caller, app) ?? throw ServerErrors.AppNotAvailable(app.Id);
        return new AppView(app, now, keys.Selected(app.OwnerId, app.KeyIds))
        {
            Role = role,
            Collaborators = AppAccess.Allows(role, AppAction.ManageCollaborators) ? CollaboratorsOf(app) : null,
        };
    }

    private static IReadOnlyList<string> PlatformsOrAll(IReadOnlyList<string>? names) =>
        names is { Count: > 0 } ? Normalize(names) : Platforms.All;

    /// <summary>Canonical platform names, each once; 400 for a name the API does not know.</summary>
    private static IReadOnlyList<string> Normalize(IEnumerable<string> names)
    {
        var result = new List<string>();
        foreach (var name in names)
        {
            if (!Platforms.TryNormalize(name, out var platform))
            {
                throw ServerErrors.UnknownPlatform(name);
            }

            if (!result.Contains(platform))
            {
                result.Add(platform);
            }
        }

        return result;
    }
}
