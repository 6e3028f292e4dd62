namespace Pgb.Build.Tasks;

/// <summary>
/// Uploads <c>PgbIcon</c> (a png) as the app's icon before its builds are queued, when it changed since the last
/// upload to that app (<see cref="StateFile"/> remembers the app and the icon's SHA-256): the service rebuilds an
/// app whose icon is set.
/// </summary>
public sealed class PgbSetIcon : PgbServiceTask
{
    [Required] public string AppId { get; set; } = string.Empty;

    /// <summary>The png to upload.</summary>
    [Required] public string Icon { get; set; } = string.Empty;

    /// <summary>Where the app and the hash of the icon last uploaded are remembered (obj/pgb/icon.txt).</summary>
    [Required] public string StateFile { get; set; } = string.Empty;

    protected override bool YieldsNodeWhileRunning => true;

    /// <summary>True when the icon was sent this time.</summary>
    [Output] public bool Uploaded { get; private set; }

    protected override async Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var appId = ParseAppId(AppId);
        var pipeline = CreatePipeline(out var client);
        using (client)
        {
            Uploaded = await pipeline.SetIconIfChangedAsync(appId, Path.GetFullPath(Icon), StateFile, Progress(), cancellationToken).ConfigureAwait(false);
        }
    }
}
