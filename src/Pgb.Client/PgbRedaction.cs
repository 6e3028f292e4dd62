using System.Text.RegularExpressions;

namespace Pgb.Client;

/// <summary>Removes secrets from anything we print: URLs carry the token as <c>auth_token</c>.</summary>
public static class PgbRedaction
{
    private static readonly Regex TokenParameter = new(
        @"(?<=[?&](auth_token|token|password|key_pw|keystore_pw)=)[^&#\s""']*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>Replaces the value of secret query parameters with <c>***</c>.</summary>
    public static string Redact(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : TokenParameter.Replace(text, "***");

    /// <inheritdoc cref="Redact(string?)"/>
    public static string Redact(Uri? uri) => uri is null ? string.Empty : Redact(uri.OriginalString);
}
