namespace Pgb.Pipeline;

/// <summary>
/// Where a command's token comes from: the environment variable when it is set (CI secrets win), else the login stored
/// for the server by <c>pgb login</c>. Neither: PGB1017, saying both ways.
/// </summary>
public sealed class PgbTokenSource
{
    private PgbTokenSource(string token, PgbStoredLogin? login, string variableName)
    {
        Token = token;
        Login = login;
        VariableName = variableName;
    }

    /// <summary>The token itself: conceal it from every output.</summary>
    public string Token { get; }

    /// <summary>The stored login it came from; null when it came from the variable.</summary>
    public PgbStoredLogin? Login { get; }

    public string VariableName { get; }

    public PgbCredential Credential => PgbCredential.FromToken(Token);

    /// <summary>The variable's value (<paramref name="variableValue"/>) if set, else <paramref name="store"/>'s login for <paramref name="server"/>.</summary>
    public static PgbTokenSource Resolve(string variableName, string? variableValue, PgbCredentialStore? store, Uri server)
    {
        if (!string.IsNullOrWhiteSpace(variableValue))
        {
            return new PgbTokenSource(variableValue!.Trim(), null, variableName);
        }

        if (store?.Find(server) is { } login)
        {
            return new PgbTokenSource(login.Token, login, variableName);
        }

        throw new PgbPipelineException(PgbErrorCodes.NotLoggedIn, Strings.NotLoggedIn.F(PgbRedaction.Redact(server), variableName));
    }

    /// <summary>Never the token.</summary>
    public override string ToString() => Login is null ? "$" + VariableName : "the login of " + Login;
}
