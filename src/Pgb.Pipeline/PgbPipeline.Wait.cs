using Pgb.Client;
using Pgb.Client.Models;

namespace Pgb.Pipeline;

public sealed partial class PgbPipeline
{
    /// <summary>
    /// Polls the app until every chosen platform is <c>complete</c> or <c>error</c>. The interval starts at
    /// <see cref="PgbWaitOptions.PollInterval"/> and grows while nothing changes; any other status (pending,
    /// null, skip, unknown) keeps waiting, bounded by <see cref="PgbWaitOptions.Timeout"/> (PGB3002). A
    /// platform in <c>error</c> fails the wait with the service's message (PGB3001): the old grunt/gulp
    /// plugins reported success there.
    /// </summary>
    public async Task<PgbApp> WaitForCompletionAsync(int appId, IReadOnlyList<string> platforms, PgbWaitOptions options,
        IProgress<PgbProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        options.Validate();
        var deadline = _clock.Now + options.Timeout;
        var interval = options.PollInterval;
        string? lastSummary = null;

        while (true)
        {
            var app = await Call("Reading the status of app #" + appId, () => _client.GetAppAsync(appId, cancellationToken), appId).ConfigureAwait(false);
            var statuses = platforms.ToDictionary(p => p, app.StatusOf);
            var summary = Summarize(statuses);
            if (summary != lastSummary)
            {
                progress?.Report(new PgbProgress(PgbStage.Wait, $"App #{appId}: {summary}") { Statuses = statuses });
                interval = options.PollInterval;
                lastSummary = summary;
            }

            if (platforms.All(p => PgbBuildStatus.IsFinished(statuses[p])))
            {
                var failed = platforms.Where(p => statuses[p] == PgbBuildStatus.Error).ToList();
                if (failed.Count > 0)
                {
                    var messages = failed.Select(p => $"{p}: {app.ErrorOf(p) ?? "(the server gave no message)"}");
                    throw new PgbPipelineException(PgbErrorCodes.BuildFailed,
                        Strings.BuildFailed.F(string.Join(", ", failed), appId, string.Join("; ", messages)));
                }

                return app;
            }

            var remaining = deadline - _clock.Now;
            if (remaining <= TimeSpan.Zero)
                throw new PgbPipelineException(PgbErrorCodes.BuildTimedOut, Strings.BuildTimedOut.F(appId, options.Timeout.TotalSeconds, summary));

            await _clock.Delay(interval < remaining ? interval : remaining, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromTicks(Math.Min((long)(interval.Ticks * Math.Max(1.0, options.BackoffFactor)), Math.Max(options.MaxPollInterval.Ticks, options.PollInterval.Ticks)));
        }
    }

    private static string Summarize(IReadOnlyDictionary<string, string?> statuses) =>
        string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value ?? "null"}"));
}
