namespace Pgb.Tool.Tests;

/// <summary>
/// The token the <c>pgb build</c> tests hand the tool through a variable of their own (as CI does), not through
/// PGB_AUTH_TOKEN: each test asserts it never reaches any output. Used with <c>using static</c>.
/// </summary>
internal static class BuildToken
{
    public const string Token = "tool-s3cret-token-81f2";

    public const string TokenVariable = "PGB_FAKE_TOKEN";

    /// <summary>The environment pgb reads its variables from: <see cref="TokenVariable"/> holds <paramref name="token"/>, nothing else is set.</summary>
    public static Func<string, string?> Variables(string? token = Token) => name => name == TokenVariable ? token : null;
}
