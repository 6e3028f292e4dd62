namespace Pgb.Tool;

/// <summary>
/// What every command that talks to a server shares: <c>--server</c> and <c>--token-variable</c>, and from them the
/// server (the option, else PGB_SERVER_URL, else the server of the last <c>pgb login</c>), the token (the variable,
/// else the login stored for that server), a client and the pipeline. The token is concealed from all output.
/// </summary>
internal sealed class ToolSession
{
    private readonly Option<string> _server;
    private readonly Option<string> _tokenVariable;

    private ToolSession(Option<string> server, Option<string> tokenVariable)
    {
        _server = server;
        _tokenVariable = tokenVariable;
    }

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

    /// <summary>Adds <c>--server</c> and <c>--token-variable</c> to <paramref name="command"/>; the session connects with what they say.</summary>
    public static ToolSession AddTo(Command command)
    {
        var session = new ToolSession(ServerOption(), TokenVariableOption());
        command.Options.Add(session._server);
        command.Options.Add(session._tokenVariable);
        return session;
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
    public Connection Connect(ParseResult parse, ToolEnvironment environment, ToolConsole console)
    {
        var url = ServerUrl(parse, _server, environment);
        var variableName = parse.GetValue(_tokenVariable) ?? ToolEnvironment.DefaultTokenVariable;
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
