namespace Pgb.Build.Tasks;

/// <summary>Waits until every chosen platform is complete; fails on a platform error or the timeout.</summary>
public sealed class PgbWaitForBuild : PgbServiceTask
{
    [Required] public string AppId { get; set; } = string.Empty;

    [Required] public string Platforms { get; set; } = string.Empty;

    /// <summary>How long to wait in all, in seconds; empty for <see cref="PgbWaitOptions.DefaultTimeoutSeconds"/>.</summary>
    public string? TimeoutSeconds { get; set; }

    /// <summary>The first poll interval, in seconds (it grows while nothing changes); empty for <see cref="PgbWaitOptions.DefaultPollIntervalSeconds"/>.</summary>
    public string? PollIntervalSeconds { get; set; }

    /// <summary>The app's version once built, for the artifacts' metadata.</summary>
    [Output] public string? Version { get; private set; }

    protected override bool YieldsNodeWhileRunning => true;

    protected override async Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var appId = ParseAppId(AppId);
        var platforms = PgbPlatformList.Parse(Platforms);
        var options = new PgbWaitOptions
        {
            Timeout = WaitSettings.Timeout(TimeoutSeconds),
            PollInterval = WaitSettings.PollInterval(PollIntervalSeconds),
        };
        var pipeline = CreatePipeline(out var client);
        using (client)
        {
            var app = await pipeline.WaitForCompletionAsync(appId, platforms, options, Progress(), cancellationToken).ConfigureAwait(false);
            Version = app.Version;
        }
    }
}
