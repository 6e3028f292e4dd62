namespace Pgb.Tool;

/// <summary>
/// What every command that talks to a server shares: <c>--server</c> and <c>--token-variable</c>, and from them the
/// server (the option, else PGB_SERVER_URL, else the server of the last <c>pgb login</c>), the token (the variable,
/// else the login stored for that server), a client and the pipeline. The token is concealed from all output.
/// </summary>
internal static class ToolSession
{
    public static Option<string> ServerOption() => new("--server")
    {
        Description = $"The service root, e.g. http://127.0.0.1:5000 (default: ${ToolEnvironment.ServerUrlVariable}, else the server of the last 'pgb login').",
        HelpName = "URL",
    };

    public static Option<string> TokenVariableOption() => new("--token-variable")
    {
        Description = "The environment variable holding the token; when unset, the token 'pgb login' stored for the server is used.",
        HelpName = "NAME",
        DefaultValueFactory = _ => ToolEnvironment.DefaultTokenVariable,
    };

    /// <summary>Adds <c>--server</c> and <c>--token-variable</c> to <paramref name="command"/>.</summary>
    public static (Option<string> Server, Option<string> TokenVariable) AddTo(Command command)
    {
        var server = ServerOption();
        var variable = TokenVariableOption();
        command.Options.Add(server);
        command.Options.Add(variable);
        return (server, variable);
    }

    /// <summary>The server a command talks to; PGB1017 when none is named anywhere.</summary>
    public static Uri ServerUrl(ParseResult parse, Option<string> server, ToolEnvironment environment)
    {
        var text = parse.GetValue(server) ?? environment.GetVariable(ToolEnvironment.ServerUrlVariable);
        if (text is not null)
        {
            return PgbServerSettings.ParseServerUrl(text);
        }

        return new PgbCredentialStore(environment.CredentialsPath).DefaultServer
            ?? throw new PgbToolException(Pipeline.PgbErrorCodes.NotLoggedIn, Strings.NoServer.F(ToolEnvironment.ServerUrlVariable));
    }

    public static PgbClientOptions ClientOptions(ToolEnvironment environment) =>
        new() { UserAgent = "pgb/" + BuildCommand.ToolVersion, Handler = environment.HttpHandler?.Invoke() };

    /// <summary>A client and pipeline for the command's server and token.</summary>
    public static Connection Connect(ParseResult parse, Option<string> server, Option<string> variable, ToolEnvironment environment, ToolConsole console)
    {
        var url = ServerUrl(parse, server, environment);
        var variableName = parse.GetValue(variable) ?? ToolEnvironment.DefaultTokenVariable;
        var token = PgbTokenSource.Resolve(variableName, environment.GetVariable(variableName), new PgbCredentialStore(environment.CredentialsPath), url);
        console.Conceal(token.Token);
        var client = new PgbClient(url, token.Credential, ClientOptions(environment));
        return new Connection(client, new PgbPipeline(client, tokenVariable: variableName) { TokenFromLogin = token.Login is not null }, token);
    }

    internal sealed class Connection(PgbClient client, PgbPipeline pipeline, PgbTokenSource token) : IDisposable
    {
        public PgbClient Client { get; } = client;

        public PgbPipeline Pipeline { get; } = pipeline;

        public PgbTokenSource Token { get; } = token;

        public void Dispose() => Client.Dispose();
    }
}
