namespace Pgb.Pipeline;

public sealed partial class PgbPipeline
{
    /// <summary>
    /// Polls the app until every chosen platform is <c>complete</c>, or until one is <c>error</c>. The interval
    /// starts at <see cref="PgbWaitOptions.PollInterval"/>, grows while nothing changes and never passes
    /// <see cref="PgbWaitOptions.MaxPollInterval"/> (or the first interval, when that is longer); any other
    /// status (pending, unknown) keeps waiting, bounded by <see cref="PgbWaitOptions.Timeout"/>
    /// (PGB3002, naming the platforms still pending).
    /// A platform in <c>error</c> fails the wait at once with the service's message (PGB3001), whatever the
    /// others are doing: the job has failed by then (nothing is downloaded), and waiting for the rest would only
    /// delay the answer, or hide it behind a timeout when another platform is <c>null</c> (not being built).
    /// A platform the service is not building fails it too (PGB3004), once <see cref="PgbWaitOptions.NotBuiltPolls"/>
    /// polls in a row saw it so: <c>null</c> while the app has no signing key for it (the service waits for one that
    /// never comes), or <c>skip</c>. Call this right after the builds were queued: a platform <c>null</c> with a key
    /// keeps the wait going.
    /// </summary>
    public async Task<PgbApp> WaitForCompletionAsync(int appId, IReadOnlyList<string> platforms, PgbWaitOptions options,
        IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        if (platforms is null)
        {
            throw new ArgumentNullException(nameof(platforms));
        }

        options.Validate();
        var chosen = platforms.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        // None would be "done" at once: a success that built nothing.
        if (chosen.Count == 0)
        {
            throw new PgbPipelineException(PgbErrorCodes.NoPlatforms, Strings.NoPlatforms);
        }

        var deadline = _clock.Now + options.Timeout;
        var interval = options.PollInterval;
        string? lastSummary = null;
        var notBuilt = new NotBuiltPlatforms(chosen, Math.Max(1, options.NotBuiltPolls));

        while (true)
        {
            var app = await Call(Strings.CallReadingStatus.F(appId), () => _client.GetAppAsync(appId, cancellationToken), appId).ConfigureAwait(false);
            var statuses = chosen.ToDictionary(p => p, app.StatusOf, StringComparer.OrdinalIgnoreCase);
            var summary = Summarize(statuses);
            if (summary != lastSummary)
            {
                progress?.Report(PgbProgress.StatusChange(Strings.StatusesChanged.F(appId, summary), statuses));
                interval = options.PollInterval;
                lastSummary = summary;
            }

            var failed = chosen.Where(p => statuses[p] == PgbBuildStatus.Error).ToList();
            if (failed.Count > 0)
            {
                var messages = failed.Select(p => $"{p}: {app.ErrorOf(p) ?? Strings.BuildFailedWithoutMessage}");
                var others = chosen.Count == failed.Count ? "" : Strings.BuildFailedLastStatus.F(summary);
                throw new PgbPipelineException(PgbErrorCodes.BuildFailed,
                    Strings.BuildFailed.F(string.Join(", ", failed), appId, string.Join("; ", messages) + others));
            }

            if (notBuilt.Observe(app, statuses) is { Count: > 0 } neverBuilt)
            {
                throw new PgbPipelineException(PgbErrorCodes.PlatformNotBuilt, string.Join(" ", neverBuilt.Select(p => NotBuiltMessage(app, p, statuses[p], notBuilt.Polls))));
            }

            if (chosen.All(p => statuses[p] == PgbBuildStatus.Complete))
            {
                return app;
            }

            var remaining = deadline - _clock.Now;
            if (remaining <= TimeSpan.Zero)
            {
                var pending = chosen.Where(p => statuses[p] != PgbBuildStatus.Complete).Select(p => $"{p} ({statuses[p] ?? "null"})");
                throw new PgbPipelineException(PgbErrorCodes.BuildTimedOut,
                    Strings.BuildTimedOut.F(appId, options.Timeout.TotalSeconds, string.Join(", ", pending), summary));
            }

            await _clock.Delay(interval < remaining ? interval : remaining, cancellationToken).ConfigureAwait(false);
            interval = NextInterval(interval, options);
        }
    }

    /// <summary>
    /// The interval grown by the backoff factor, between the first interval and the cap. Computed in seconds:
    /// a factor that is huge, infinite or not a number must not wrap a tick count around to a negative (or zero) delay.
    /// </summary>
    internal static TimeSpan NextInterval(TimeSpan interval, PgbWaitOptions options)
    {
        var cap = options.MaxPollInterval > options.PollInterval ? options.MaxPollInterval : options.PollInterval;
        var factor = options.BackoffFactor;
        if (double.IsNaN(factor) || factor < 1)
        {
            factor = 1;
        }

        var next = interval.TotalSeconds * factor;
        if (double.IsNaN(next) || next >= cap.TotalSeconds)
        {
            return cap;
        }

        return next <= options.PollInterval.TotalSeconds ? options.PollInterval : TimeSpan.FromSeconds(next);
    }

    private static string NotBuiltMessage(PgbApp app, string platform, string? status, int polls)
    {
        var why = KeyOf(app, platform) is { } key
            ? Strings.PlatformNotBuiltSkipped.F(platform, key.Id)
            : Strings.PlatformNotBuiltNoKey.F(platform, platform switch
            {
                PgbPlatforms.Android => Strings.SelectKeyAndroid,
                PgbPlatforms.Ios => Strings.SelectKeyIos,
                _ => Strings.SelectKeyOther,
            });
        return Strings.PlatformNotBuilt.F(platform, app.Id, status ?? "null", polls, why);
    }

    private static PgbKeyReference? KeyOf(PgbApp app, string platform) => app.Keys.TryGetValue(platform, out var key) ? key : null;

    /// <summary>
    /// Counts, per platform, the polls in a row that showed it not being built: <c>skip</c>, or <c>null</c> (or
    /// missing) while the app has no key for it. A platform <c>null</c> with a key is waiting for that key to be
    /// usable, and keeps the wait going.
    /// </summary>
    private sealed class NotBuiltPlatforms(IReadOnlyList<string> chosen, int polls)
    {
        private readonly Dictionary<string, int> _inARow = chosen.ToDictionary(p => p, _ => 0, StringComparer.OrdinalIgnoreCase);

        public int Polls => polls;

        /// <summary>The platforms seen not being built on <see cref="Polls"/> polls in a row, this one included.</summary>
        public IReadOnlyList<string> Observe(PgbApp app, IReadOnlyDictionary<string, string?> statuses)
        {
            foreach (var platform in chosen)
            {
                var status = statuses[platform];
                var notBuilt = status == PgbBuildStatus.Skip || (status is null && KeyOf(app, platform) is null);
                _inARow[platform] = notBuilt ? _inARow[platform] + 1 : 0;
            }

            return chosen.Where(p => _inARow[p] >= polls).ToList();
        }
    }

    private static string Summarize(IReadOnlyDictionary<string, string?> statuses) =>
        string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value ?? "null"}"));
}
