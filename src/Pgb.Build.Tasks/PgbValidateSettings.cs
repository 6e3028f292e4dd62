using Microsoft.Build.Framework;
using Pgb.Pipeline;

namespace Pgb.Build.Tasks;

/// <summary>
/// Checks the settings before anything is packaged or sent, and reports every misconfiguration at once
/// (one coded error each) instead of the first one a later step would trip over, possibly after an upload.
/// No network, and not the token: a build that turns out to be up to date needs none.
/// </summary>
public sealed class PgbValidateSettings : PgbTask
{
    [Required] public string ServerUrl { get; set; } = string.Empty;

    public string? AppId { get; set; }

    /// <summary>A string, not a bool: MSBuild would reject "yes" with its own MSB4030 before the task could say
    /// which property is wrong and what it takes.</summary>
    public string? CreateApp { get; set; }

    /// <summary>A repo-backed app pulls its sources: then there is no www folder to check.</summary>
    public string? RepoUrl { get; set; }

    [Required] public string WwwDirectory { get; set; } = string.Empty;

    /// <summary>Empty when no config.xml was given (www/config.xml is used, if any).</summary>
    public string? ConfigXml { get; set; }

    public string? Platforms { get; set; }

    /// <summary>Empty for <see cref="PgbWaitOptions.DefaultTimeoutSeconds"/>.</summary>
    public string? TimeoutSeconds { get; set; }

    /// <summary>Empty for <see cref="PgbWaitOptions.DefaultPollIntervalSeconds"/>.</summary>
    public string? PollIntervalSeconds { get; set; }

    /// <summary>Empty for <see cref="PgbWaitOptions.DefaultRequestTimeoutSeconds"/>.</summary>
    public string? RequestTimeoutSeconds { get; set; }

    public string? AndroidKeyId { get; set; }

    public string? IosKeyId { get; set; }

    public string? AndroidKeystore { get; set; }

    public string? AndroidKeyAlias { get; set; }

    public string? IosCertificate { get; set; }

    public string? IosProfile { get; set; }

    protected override Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        Check(() => PgbServerSettings.ParseServerUrl(ServerUrl));
        Check(() => PgbPlatformList.Parse(Platforms));
        Check(() => WaitSettings.Timeout(TimeoutSeconds));
        Check(() => WaitSettings.PollInterval(PollIntervalSeconds));
        Check(() => WaitSettings.RequestTimeout(RequestTimeoutSeconds));
        if (!string.IsNullOrWhiteSpace(AndroidKeyId))
        {
            Check(() => PgbServerSettings.ParseKeyId("PgbAndroidKeyId", AndroidKeyId!));
        }

        if (!string.IsNullOrWhiteSpace(IosKeyId))
        {
            Check(() => PgbServerSettings.ParseKeyId("PgbIosKeyId", IosKeyId!));
        }

        foreach (var problem in PgbKeyFiles.CheckAndroid(AndroidKeyId, AndroidKeystore, AndroidKeyAlias).Concat(PgbKeyFiles.CheckIos(IosKeyId, IosCertificate, IosProfile)))
        {
            LogError(problem.Code, problem.Message);
        }

        bool? createApp = null;
        Check(() => createApp = PgbServerSettings.ParseSwitch("PgbCreateApp", CreateApp));
        if (!string.IsNullOrWhiteSpace(AppId))
        {
            Check(() => PgbServerSettings.ParseAppId(AppId!));
        }
        else if (createApp is { } create)
        {
            Check(() => PgbServerSettings.CheckAppChoice(hasAppId: false, create));
        }

        if (string.IsNullOrWhiteSpace(RepoUrl))
        {
            Check(() => PgbPackager.CheckWwwDirectory(WwwDirectory));
            if (!string.IsNullOrWhiteSpace(ConfigXml))
            {
                Check(() => PgbPackager.CheckConfigXml(ConfigXml));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Logs a failed check and goes on to the next, so one build shows every mistake.</summary>
    private void Check(Action check)
    {
        try
        {
            check();
        }
        catch (PgbException ex)
        {
            LogError(ex.Code, ex.Message);
        }
    }
}
