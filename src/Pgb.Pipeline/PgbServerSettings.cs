namespace Pgb.Pipeline;

/// <summary>
/// Reads user input (a URL, the name of a token variable, ids, times, switches) the way the MSBuild tasks and the
/// <c>pgb</c> tool both take it, with coded errors whose messages come from Strings.resx.
/// </summary>
public static class PgbServerSettings
{
    public static Uri ParseServerUrl(string? text)
    {
        if (!Uri.TryCreate((text ?? string.Empty).Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new PgbPipelineException(PgbErrorCodes.ServerUrlInvalid, Strings.ServerUrlInvalid.F(PgbRedaction.Redact(text)));
        }

        return uri;
    }

    /// <summary>Reads the token from the environment variable named <paramref name="variableName"/>: secrets never travel as arguments.</summary>
    public static PgbCredential TokenFromEnvironment(string variableName) =>
        TokenFromVariable(variableName, string.IsNullOrEmpty(variableName) ? null : Environment.GetEnvironmentVariable(variableName));

    /// <summary>
    /// The token <paramref name="value"/> that the variable <paramref name="variableName"/> held, read by a caller with
    /// its own view of the environment (the tool's tests); PGB1002 when it is unset or blank.
    /// </summary>
    public static PgbCredential TokenFromVariable(string variableName, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new PgbPipelineException(PgbErrorCodes.TokenMissing, Strings.TokenMissing.F(variableName));
        }

        return PgbCredential.FromToken(value!.Trim());
    }

    /// <summary>A signing key id from a setting named <paramref name="setting"/>: PGB1015 unless a positive whole number.</summary>
    public static int ParseKeyId(string setting, string text) =>
        int.TryParse(text?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new PgbPipelineException(PgbErrorCodes.KeyIdInvalid, Strings.KeyIdInvalid.F(setting, text ?? string.Empty));

    /// <summary>
    /// A key password from the environment variable <paramref name="variableName"/>, which the setting
    /// <paramref name="setting"/> names; null when no variable is named, PGB1016 when it is named but unset or empty.
    /// </summary>
    public static string? PasswordFromEnvironment(string setting, string? variableName) =>
        PasswordFromVariable(setting, variableName, string.IsNullOrWhiteSpace(variableName) ? null : Environment.GetEnvironmentVariable(variableName!.Trim()));

    /// <summary>The same, for a caller with its own view of the environment (the tool's tests): <paramref name="value"/> is what the variable held.</summary>
    public static string? PasswordFromVariable(string setting, string? variableName, string? value)
    {
        if (string.IsNullOrWhiteSpace(variableName))
        {
            return null;
        }

        return string.IsNullOrEmpty(value)
            ? throw new PgbPipelineException(PgbErrorCodes.KeyPasswordMissing, Strings.KeyPasswordMissing.F(variableName!.Trim(), setting))
            : value;
    }

    /// <summary>PGB1006 when there is neither an app to update nor leave to create one.</summary>
    public static void CheckAppChoice(bool hasAppId, bool createApp)
    {
        if (!hasAppId && !createApp)
        {
            throw new PgbPipelineException(PgbErrorCodes.NoAppToUpdate, Strings.NoAppToUpdate);
        }
    }

    /// <summary>
    /// true or false as MSBuild reads them (any case; empty is false) from the setting <paramref name="setting"/>;
    /// PGB1013 for anything else.
    /// </summary>
    public static bool ParseSwitch(string setting, string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        throw new PgbPipelineException(PgbErrorCodes.SwitchInvalid, Strings.SwitchInvalid.F(setting, trimmed));
    }

    public static int ParseAppId(string text)
    {
        if (!int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            throw new PgbPipelineException(PgbErrorCodes.AppIdInvalid, Strings.AppIdInvalid.F(text));
        }

        return id;
    }

    public static TimeSpan ParseSeconds(string what, string text)
    {
        if (!double.TryParse(text.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds <= 0 || double.IsInfinity(seconds) || double.IsNaN(seconds) || seconds > TimeSpan.MaxValue.TotalSeconds / 2
            // Under a tick (100 ns) it is a TimeSpan of zero, which would be refused later, as "0", not as typed.
            || TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond)) <= TimeSpan.Zero)
        {
            throw new PgbPipelineException(PgbErrorCodes.TimingInvalid, Strings.TimingInvalid.F(what, text));
        }

        return TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }
}
