namespace Pgb.Server.Build;

/// <summary>What a selected signing key means for a build queued now (see <see cref="KeyService.ForBuild"/>).</summary>
internal readonly record struct KeyForBuild(bool HasKey, string? Failure);

/// <summary>Queues builds: the next version of an app with new builds of some platforms in place of their previous ones
/// (other platforms keep theirs). A platform that needs a signing key (<see cref="KeyBuildCheck.NeedsKey"/>) and has none
/// is not built: its build goes and its status is <c>null</c>, as on the service. While a repo-backed app's repository is
/// being fetched, builds wait for it (<see cref="PlatformBuild.AwaitingSource"/>); the checkout then starts them with
/// <see cref="StartAwaited"/> or fails them with <see cref="FailAwaited"/>.</summary>
internal static class BuildQueue
{
    /// <summary>One queue = one build number, whatever the platform count.</summary>
    /// <param name="keyFor">what the app's selected key means for a platform.</param>
    public static AppRecord Queue(AppRecord app, IEnumerable<string> platforms, PgbSimulation simulation, DateTimeOffset now, Func<string, KeyForBuild> keyFor)
    {
        var buildNumber = (app.BuildCount ?? 0) + 1;
        var builds = app.Builds.ToBuilder();
        foreach (var platform in platforms.Distinct())
        {
            var key = keyFor(platform);
            if (KeyBuildCheck.NeedsKey(platform) && !key.HasKey)
            {
                builds.Remove(platform);
                continue;
            }

            var spec = Spec(app, platform, buildNumber);
            builds[platform] = app.CheckoutId is not null
                ? PlatformBuild.Awaiting(spec, now, app.KeyIds.ContainsKey(platform))
                : Build(app, spec, simulation, now, key.Failure);
        }

        return app with { BuildCount = buildNumber, Builds = builds.ToImmutable(), UpdatedAt = now };
    }

    /// <summary>The checkout ended with a source (already in <paramref name="app"/>): the builds that waited for it start
    /// now, under the build number they were queued with.</summary>
    public static AppRecord StartAwaited(AppRecord app, PgbSimulation simulation, DateTimeOffset now, Func<string, KeyForBuild> keyFor)
    {
        var builds = app.Builds.ToBuilder();
        foreach (var (platform, waiting) in app.Builds.Where(b => b.Value.AwaitingSource))
        {
            var key = keyFor(platform);
            if (KeyBuildCheck.NeedsKey(platform) && !key.HasKey)
            {
                builds.Remove(platform);
                continue;
            }

            builds[platform] = Build(app, Spec(app, platform, waiting.Spec.BuildNumber), simulation, now, key.Failure);
        }

        return app with { Builds = builds.ToImmutable(), UpdatedAt = now };
    }

    /// <summary>The checkout failed: the builds that waited for it end in <c>error</c> at once with
    /// <paramref name="failure"/> (git's message). The app keeps the source it had, if any.</summary>
    public static AppRecord FailAwaited(AppRecord app, string failure, DateTimeOffset now)
    {
        var builds = app.Builds.ToBuilder();
        foreach (var (platform, waiting) in app.Builds.Where(b => b.Value.AwaitingSource))
        {
            builds[platform] = new PlatformBuild(waiting.Spec, now, TimeSpan.Zero, failure, app.KeyIds.ContainsKey(platform));
        }

        return app with { Builds = builds.ToImmutable(), UpdatedAt = now };
    }

    private static PlatformBuild Build(AppRecord app, ArtifactSpec spec, PgbSimulation simulation, DateTimeOffset now, string? keyFailure)
    {
        var (duration, simulatedFailure) = simulation.ForQueue(spec.Platform);
        var failure = app.SourceProblem ?? keyFailure ?? simulatedFailure;
        return new PlatformBuild(spec, now, duration, failure, app.KeyIds.ContainsKey(spec.Platform));
    }

    private static ArtifactSpec Spec(AppRecord app, string platform, int buildNumber) =>
        new(app.Id, app.Title, app.Package ?? Defaults.Package, app.Version ?? Defaults.Version, platform, buildNumber, app.SourceSha256, app.Repo,
            app.Debug, app.PlatformPhonegapVersions.GetValueOrDefault(platform) ?? app.PhonegapVersion)
        {
            SourceKey = app.SourceKey,
            SourceCommit = app.SourceCommit,
        };
}
