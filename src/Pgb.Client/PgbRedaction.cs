using System.Text.RegularExpressions;

namespace Pgb.Client;

/// <summary>Removes secrets from anything we print: URLs carry the token as <c>auth_token</c>.</summary>
public static class PgbRedaction
{
    /// <summary>
    /// Parameters whose value is a secret: ours (the token, key passwords) and those of signed storage URLs
    /// (S3's <c>Signature</c>, Azure's <c>sig</c>), which let anyone holding the URL fetch the package.
    /// </summary>
    private const string SecretNames = "auth_token|token|password|key_pw|keystore_pw|signature|x-amz-signature|x-amz-security-token|sig";

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;

    /// <summary>
    /// <c>?auth_token=X</c> and <c>&amp;auth_token=X</c>, also after <c>;</c>: an error text that HTML-escaped
    /// the URL shows <c>&amp;amp;auth_token=X</c>.
    /// </summary>
    private static readonly Regex PlainParameter = new(
        @"(?<=[?&;](" + SecretNames + @")=)[^&#\s""'<>]*", Options);

    /// <summary>
    /// The same URL percent-encoded inside another one (a sign-in page's <c>return_to=%2Fapi%2Fv1%2Fme%3Fauth_token%3DX</c>):
    /// the value runs to the next encoded <c>&amp;</c>.
    /// </summary>
    private static readonly Regex EncodedParameter = new(
        @"(?<=(%3F|%26|%3B)(" + SecretNames + @")%3D)((?!%26)[^&#\s""'<>])*", Options);

    /// <summary>A JSON echo of the request's fields, as some servers put in their error bodies: <c>"auth_token":"X"</c>.</summary>
    private static readonly Regex JsonField = new(
        @"(?<=""(" + SecretNames + @")""\s*:\s*"")([^""\\]|\\.)*", Options);

    /// <summary>Credentials in a URL's user-info part (<c>https://user:password@host</c>, <c>https://TOKEN@github.com</c>).</summary>
    private static readonly Regex UserInfo = new(
        @"(?<=\b[a-z][a-z0-9+.\-]*://)[^/?#@\s""'<>]+(?=@)", Options);

    /// <summary>Replaces the value of secret query parameters and URL user-info with <c>***</c>.</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var result = PlainParameter.Replace(text, "***");
        result = EncodedParameter.Replace(result, "***");
        result = JsonField.Replace(result, "***");
        return UserInfo.Replace(result, "***");
    }

    /// <inheritdoc cref="Redact(string?)"/>
    public static string Redact(Uri? uri) => uri is null ? string.Empty : Redact(uri.OriginalString);

    /// <summary>
    /// <see cref="Redact(string?)"/>, then every literal occurrence of the given secrets: a server may quote
    /// the token itself in its error text, where no URL syntax points at it.
    /// </summary>
    internal static string Redact(string? text, IReadOnlyList<string> secrets)
    {
        var result = Redact(text);
        foreach (var secret in secrets)
        {
            result = result.Replace(secret, "***");
        }

        return result;
    }
}
