namespace Pgb.Build.Tasks;

/// <summary>
/// Reads <c>PgbTimeoutSeconds</c>, <c>PgbPollIntervalSeconds</c> and <c>PgbRequestTimeoutSeconds</c>. All are empty unless
/// the project sets them: the defaults are <see cref="PgbWaitOptions"/>' constants, applied here, so no .props file
/// holds a second copy.
/// </summary>
internal static class WaitSettings
{
    public static TimeSpan Timeout(string? text) => Parse("PgbTimeoutSeconds", text, PgbWaitOptions.DefaultTimeoutSeconds);

    public static TimeSpan PollInterval(string? text) => Parse("PgbPollIntervalSeconds", text, PgbWaitOptions.DefaultPollIntervalSeconds);

    public static TimeSpan RequestTimeout(string? text) => Parse("PgbRequestTimeoutSeconds", text, PgbWaitOptions.DefaultRequestTimeoutSeconds);

    private static TimeSpan Parse(string property, string? text, int defaultSeconds) =>
        string.IsNullOrEmpty(text) ? TimeSpan.FromSeconds(defaultSeconds) : PgbServerSettings.ParseSeconds(property, text!);
}
