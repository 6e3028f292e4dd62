using Microsoft.Build.Framework;
using Pgb.Pipeline;

namespace Pgb.Build.Tasks;

/// <summary>Waits until every chosen platform is complete; fails on a platform error or the timeout.</summary>
public sealed class PgbWaitForBuild : PgbServiceTask
{
    [Required] public string AppId { get; set; } = string.Empty;

    [Required] public string Platforms { get; set; } = string.Empty;

    public string TimeoutSeconds { get; set; } = "1800";

    /// <summary>The first poll interval; it grows while nothing changes.</summary>
    public string PollIntervalSeconds { get; set; } = "2";

    /// <summary>The app's version once built, for the artifacts' metadata.</summary>
    [Output] public string? Version { get; private set; }

    protected override bool YieldsNodeWhileRunning => true;

    protected override async Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var appId = ParseAppId(AppId);
        var platforms = PgbPlatformList.Parse(Platforms);
        var options = new PgbWaitOptions
        {
            Timeout = PgbServerSettings.ParseSeconds("PgbTimeoutSeconds", TimeoutSeconds),
            PollInterval = PgbServerSettings.ParseSeconds("PgbPollIntervalSeconds", PollIntervalSeconds),
        };
        var pipeline = CreatePipeline(out var client);
        using (client)
        {
            var app = await pipeline.WaitForCompletionAsync(appId, platforms, options, Progress(), cancellationToken).ConfigureAwait(false);
            Version = app.Version;
        }
    }
}
