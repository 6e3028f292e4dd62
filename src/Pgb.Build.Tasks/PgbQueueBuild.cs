namespace Pgb.Build.Tasks;

/// <summary>Queues builds of the chosen platforms.</summary>
public sealed class PgbQueueBuild : PgbServiceTask
{
    [Required] public string AppId { get; set; } = string.Empty;

    /// <summary><c>android;ios</c>.</summary>
    [Required] public string Platforms { get; set; } = string.Empty;

    protected override async Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var appId = ParseAppId(AppId);
        var platforms = PgbPlatformList.Parse(Platforms);
        var pipeline = CreatePipeline(out var client);
        using (client)
        {
            await pipeline.QueueBuildAsync(appId, platforms, Progress(), cancellationToken).ConfigureAwait(false);
        }
    }
}
