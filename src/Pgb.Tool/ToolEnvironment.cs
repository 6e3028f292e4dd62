namespace Pgb.Tool;

/// <summary>What a command reads from its surroundings besides its arguments; tests pass their own.</summary>
internal sealed class ToolEnvironment(Func<string, string?> getVariable, bool colorOnStderr = false, Func<HttpMessageHandler>? httpHandler = null, string? temporaryFolder = null,
    bool stderrIsTerminal = false, Func<int>? stderrWidth = null, Action<Pgb.Client.PgbClientOptions>? configureClient = null)
{
    /// <summary>The variable that names the server when <c>--server</c> is not given.</summary>
    public const string ServerUrlVariable = "PGB_SERVER_URL";

    /// <summary>The default variable that holds the token (<c>--token-variable</c> names another).</summary>
    public const string DefaultTokenVariable = "PGB_AUTH_TOKEN";

    /// <summary>The real process: its environment variables; colour when stderr is a terminal and NO_COLOR is unset.</summary>
    public static ToolEnvironment FromProcess() => new(
        Environment.GetEnvironmentVariable,
        colorOnStderr: !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
        stderrIsTerminal: !Console.IsErrorRedirected,
        stderrWidth: ToolTerminal.ConsoleWidth)
    {
        Stdin = Console.In,
        StdinIsTerminal = !Console.IsInputRedirected,
    };

    /// <summary>An environment variable's value; null when unset or blank.</summary>
    public string? GetVariable(string name)
    {
        var value = getVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public bool ColorOnStderr { get; } = colorOnStderr;

    /// <summary>stderr is an interactive terminal (not redirected to a file or a pipe).</summary>
    public bool StderrIsTerminal { get; } = stderrIsTerminal;

    /// <summary>The columns of the stderr terminal, read at every frame of the live display.</summary>
    public Func<int> StderrWidth { get; } = stderrWidth ?? (() => 80);

    /// <summary>
    /// Whether <c>pgb build</c> may redraw a live status display on stderr: only on a terminal, and not when the
    /// user or the place asks for plain text: NO_COLOR, TERM=dumb (a terminal without cursor movement, e.g. an
    /// editor's output pane), CI=true (CI logs are terminals on some runners, yet are read as files later).
    /// </summary>
    public bool AllowsLiveStatus =>
        StderrIsTerminal
        && GetVariable("NO_COLOR") is null
        && !string.Equals(GetVariable("TERM"), "dumb", StringComparison.OrdinalIgnoreCase)
        && !IsCi;

    private bool IsCi => GetVariable("CI") is { } ci && (string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>The HTTP handler <c>pgb build</c> talks through; null for the real network (tests script the answers).</summary>
    public Func<HttpMessageHandler>? HttpHandler { get; } = httpHandler;

    /// <summary>Where <c>pgb login</c> keeps tokens: <see cref="Pipeline.PgbCredentialStore.DefaultPath"/> of this environment.</summary>
    public string CredentialsPath => Pipeline.PgbCredentialStore.DefaultPath(getVariable);

    /// <summary>Standard input: <c>pgb login --password-stdin</c> reads the password from it.</summary>
    public TextReader Stdin { get; init; } = TextReader.Null;

    /// <summary>Standard input is an interactive terminal: <c>pgb login</c> and <c>pgb keys unlock</c> may prompt for a password.</summary>
    public bool StdinIsTerminal { get; init; }

    /// <summary>
    /// Adjusts the client <c>pgb build</c> makes, after its options are applied: tests shorten the retry delays, which
    /// no option of the command exposes.
    /// </summary>
    public Action<Pgb.Client.PgbClientOptions>? ConfigureClient { get; } = configureClient;

    /// <summary>Where <c>pgb build</c> writes its archive for the run (deleted at the end, whatever happens).</summary>
    public string TemporaryFolder { get; } = temporaryFolder ?? Path.GetTempPath();
}
