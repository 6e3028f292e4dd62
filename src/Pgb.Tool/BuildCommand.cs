using System.Reflection;
using Pgb.Server;

namespace Pgb.Tool;

/// <summary>
/// <c>pgb build</c>: translates its options into a <see cref="PgbJob"/>, runs <see cref="PgbPipeline.RunAsync"/>
/// and prints the artifacts. All the work (and every check of the values) is the pipeline's.
/// </summary>
internal sealed class BuildCommand
{
    private readonly PgbCommandLine _cli;

    private readonly Option<string> _server = new("--server")
    {
        Description = $"The service root, e.g. http://127.0.0.1:5000 (default: ${ToolEnvironment.ServerUrlVariable}; with neither, an embedded local server runs for this build).",
        HelpName = "URL",
    };

    private readonly Option<string> _appId = new("--app-id") { Description = "The app to update.", HelpName = "N" };
    private readonly Option<bool> _create = new("--create") { Description = "Create the app on the first build and remember its id (see --state); later builds update it." };
    private readonly Option<string> _title = new("--title") { Description = "The title to create the app with (config.xml's <name> wins on the server; default: the name of the folder holding --www).", HelpName = "TITLE" };
    private readonly Option<string> _repo = new("--repo") { Description = "A repo-backed app: have the service pull this repository instead of uploading --www.", HelpName = "URL" };
    private readonly Option<string> _www = new("--www") { Description = "The folder to package.", HelpName = "DIR", DefaultValueFactory = _ => "www" };
    private readonly Option<string> _config = new("--config") { Description = "A config.xml to put at the archive root (default: www/config.xml when present).", HelpName = "FILE" };
    private readonly Option<string> _platforms = new("--platforms") { Description = "Platforms to build and download, comma-separated: android, ios, blackberry, symbian, webos, winphone.", HelpName = "LIST", Required = true };
    private readonly Option<string> _out = new("--out") { Description = "Where the artifacts are saved.", HelpName = "DIR", Required = true };
    private readonly Option<bool> _noWait = new("--no-wait") { Description = "Return once the builds are queued: no wait, no download ('pgb status ID --wait' and 'pgb download' do the rest)." };
    private readonly Option<string> _name = new("--name") { Description = "Artifacts are saved as NAME-PLATFORM.EXT.", HelpName = "NAME", DefaultValueFactory = _ => "app" };
    private readonly Option<string> _timeout = new("--timeout") { Description = "How long to wait for the builds in all.", HelpName = "SECONDS", DefaultValueFactory = _ => Invariant(PgbWaitOptions.DefaultTimeoutSeconds) };
    private readonly Option<string> _poll = new("--poll") { Description = "The first interval between two status polls (it grows while nothing changes).", HelpName = "SECONDS", DefaultValueFactory = _ => Invariant(PgbWaitOptions.DefaultPollIntervalSeconds) };
    private readonly Option<string> _requestTimeout = new("--request-timeout") { Description = "The longest wait for each byte of an answer, the first included (a step that gets no answer gives up after three of these, retries included).", HelpName = "SECONDS", DefaultValueFactory = _ => Invariant(PgbWaitOptions.DefaultRequestTimeoutSeconds) };
    private readonly Option<string> _tokenVariable = new("--token-variable") { Description = "The environment variable that holds the token (never pass a token as an argument).", HelpName = "NAME", DefaultValueFactory = _ => ToolEnvironment.DefaultTokenVariable };
    private readonly Option<string> _androidKey = new("--android-key") { Description = "Sign android with this key (its id on the service).", HelpName = "ID" };
    private readonly Option<string> _androidKeyPassword = new("--android-key-password-variable") { Description = "The environment variable holding the android key's password; the key is unlocked with it.", HelpName = "NAME" };
    private readonly Option<string> _androidKeystorePassword = new("--android-keystore-password-variable") { Description = "The environment variable holding the android keystore's password.", HelpName = "NAME" };
    private readonly Option<string> _iosKey = new("--ios-key") { Description = "Sign ios with this key (its id on the service).", HelpName = "ID" };
    private readonly Option<string> _iosKeyPassword = new("--ios-key-password-variable") { Description = "The environment variable holding the ios certificate's password; the key is unlocked with it.", HelpName = "NAME" };
    private readonly Option<string> _state = new("--state") { Description = "Where --create remembers the app id.", HelpName = "FILE", DefaultValueFactory = _ => "<out>/.pgb-app-id" };

    public BuildCommand(PgbCommandLine cli)
    {
        _cli = cli;
        Command = ToolCommand.Create("build", "Package a www folder, upload it (or pull a repo), build the platforms, wait, and download the artifacts. "
            + "'pgb build ID [PLATFORM...]' (the official CLI's form) runs 'pgb rebuild'.",
            "pgb build --server http://127.0.0.1:5000 --app-id 12 --www www --platforms android,ios --out out",
            "pgb build --create --www www --platforms android --out out      # an embedded server, for a try",
            "pgb build --app-id 12 --www www --platforms android --no-wait",
            "pgb build 12 android ios                                        # = pgb rebuild 12 android ios");
        foreach (var option in new Option[]
        {
            _server, _appId, _create, _title, _repo, _www, _config, _platforms, _out, _name, _timeout, _poll, _requestTimeout, _tokenVariable, _state,
            _androidKey, _androidKeyPassword, _androidKeystorePassword, _iosKey, _iosKeyPassword, _noWait,
        })
        {
            Command.Options.Add(option);
        }

        Command.Validators.Add(result =>
        {
            if (result.GetResult(_appId) is { Implicit: false } && result.GetResult(_create) is { Implicit: false })
            {
                result.AddError(Strings.AppIdOrCreate);
            }
        });
        Command.SetAction((parse, cancellationToken) => cli.Run(parse, cancellationToken, console => RunAsync(parse, console, cancellationToken)));
    }

    public Command Command { get; }

    private async Task<int> RunAsync(ParseResult parse, ToolConsole console, CancellationToken cancellationToken)
    {
        var environment = _cli.Environment;

        // Everything the user typed is checked (with the pipeline's codes) before anything starts.
        var platforms = PgbPlatformList.Parse(parse.GetValue(_platforms));
        var appIdText = parse.GetValue(_appId);
        int? appId = appIdText is null ? null : PgbServerSettings.ParseAppId(appIdText);
        var wait = new PgbWaitOptions
        {
            Timeout = PgbServerSettings.ParseSeconds("--timeout", parse.GetValue(_timeout)!),
            PollInterval = PgbServerSettings.ParseSeconds("--poll", parse.GetValue(_poll)!),
        };
        var requestTimeout = PgbServerSettings.ParseSeconds("--request-timeout", parse.GetValue(_requestTimeout)!);
        var output = RequiredPath("--out", parse.GetValue(_out), PgbErrorCodes.OutputDirectoryMissing);
        var www = RequiredPath("--www", parse.GetValue(_www), PgbErrorCodes.WwwDirectoryNotFound);
        var keys = SigningKeys(parse, environment);
        var stateOption = parse.GetResult(_state);
        var state = stateOption is null || stateOption.Implicit ? Path.Combine(output, ".pgb-app-id") : RequiredPath("--state", parse.GetValue(_state), ToolErrorCodes.InvalidArguments, Strings.OptionNeedsFile);
        var tokenVariable = parse.GetValue(_tokenVariable)!;
        var serverText = parse.GetValue(_server) ?? environment.GetVariable(ToolEnvironment.ServerUrlVariable);
        var serverUrl = serverText is null ? null : PgbServerSettings.ParseServerUrl(serverText);
        // The embedded server knows only the development account, so a token meant for another server
        // would be refused there: it is read (and required) only when a server was named.
        var token = serverUrl is null ? PgbAccount.Development.Token : environment.GetVariable(tokenVariable);
        // The variable wins; else the token 'pgb login' stored for that server.
        var login = token is null && serverUrl is not null ? new PgbCredentialStore(environment.CredentialsPath).Find(serverUrl) : null;
        token ??= login?.Token;
        var credential = PgbServerSettings.TokenFromVariable(tokenVariable, token);
        console.Conceal(token);

        PgbServer? embedded = null;
        var archive = Path.Combine(environment.TemporaryFolder, "pgb-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            if (serverUrl is null)
            {
                embedded = await EmbeddedServer.StartAsync(cancellationToken).ConfigureAwait(false);
                serverUrl = embedded.BaseUri;
                console.Note(Strings.EmbeddedServerStarted.F(ToolEnvironment.ServerUrlVariable, ServerStarter.DisplayUrl(embedded), tokenVariable));
            }

            var job = new PgbJob
            {
                Package = new PgbPackageRequest { WwwDirectory = www, ConfigXml = FullPathOrNull(parse.GetValue(_config)), OutputPath = archive },
                Upload = new PgbUploadRequest
                {
                    AppId = appId,
                    CreateApp = parse.GetValue(_create),
                    AppIdFile = state,
                    Title = parse.GetValue(_title) ?? DefaultTitle(www),
                    RepoUrl = parse.GetValue(_repo),
                },
                Platforms = platforms,
                Keys = keys,
                Wait = wait,
                OutputDirectory = output,
                ArtifactName = parse.GetValue(_name)!,
            };

            var clientOptions = ToolSession.ClientOptions(environment);
            clientOptions.RequestTimeout = requestTimeout;
            environment.ConfigureClient?.Invoke(clientOptions);
            using var client = new PgbClient(serverUrl, credential, clientOptions);
            var pipeline = new PgbPipeline(client, tokenVariable: tokenVariable) { TokenFromLogin = login is not null };
            PgbJobResult result;
            // Ended before the result is printed, and before a failure is (the caller prints it): both follow the summary rows.
            using (var reporter = ConsoleReporter.For(console, environment, cancellationToken))
            {
                if (parse.GetValue(_noWait))
                {
                    var queued = await pipeline.QueueAsync(job, reporter, cancellationToken).ConfigureAwait(false);
                    reporter.Dispose();
                    ReportQueued(console, queued, platforms);
                    return ExitCodes.Success;
                }

                result = await pipeline.RunAsync(job, reporter, cancellationToken).ConfigureAwait(false);
            }

            Report(console, result);
            return ExitCodes.Success;
        }
        finally
        {
            TryDelete(archive);
            if (embedded is not null)
            {
                await EmbeddedServer.StopAsync(embedded, console).ConfigureAwait(false);
            }
        }
    }

    internal static void ReportQueued(ToolConsole console, int appId, IReadOnlyList<string> platforms) =>
        ToolOutput.Print(console, Strings.BuildsQueuedLine.F(appId, platforms.Count == 0 ? "all" : string.Join(", ", platforms)),
            () => new JsonObject { ["appId"] = appId, ["queued"] = new JsonArray([.. platforms.Select(p => (JsonNode)JsonValue.Create(p))]) });

    internal static void Report(ToolConsole console, PgbJobResult result)
    {
        if (console.Json)
        {
            var artifacts = new JsonArray();
            foreach (var artifact in result.Artifacts)
            {
                artifacts.Add(new JsonObject
                {
                    ["platform"] = artifact.Platform,
                    ["path"] = artifact.Path,
                    ["length"] = artifact.Length,
                    ["sha256"] = artifact.Sha256,
                    ["version"] = artifact.Version,
                    ["buildNumber"] = artifact.BuildNumber,
                });
            }

            console.Result(new JsonObject { ["appId"] = result.AppId, ["artifacts"] = artifacts });
            return;
        }

        var width = result.Artifacts.Count == 0 ? 0 : result.Artifacts.Max(a => a.Platform.Length);
        foreach (var artifact in result.Artifacts)
        {
            console.Result(string.Create(CultureInfo.InvariantCulture, $"{artifact.Platform.PadRight(width)}  {artifact.Path}  {artifact.Length} bytes"));
        }
    }

    /// <summary>The folder holding www is the project's: its name is the title when none is given (pgb build and pgb app new).</summary>
    internal static string? DefaultTitle(string www)
    {
        var parent = Path.GetDirectoryName(www.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        var name = parent is null ? null : Path.GetFileName(parent);
        return string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>The chosen keys, their passwords read from the variables the options name (never from the arguments).</summary>
    private List<PgbSigningKey> SigningKeys(ParseResult parse, ToolEnvironment environment)
    {
        string? Password(string option, Option<string> variable)
        {
            var name = parse.GetValue(variable);
            return PgbServerSettings.PasswordFromVariable(option, name, string.IsNullOrWhiteSpace(name) ? null : environment.GetVariable(name!.Trim()));
        }

        var keys = new List<PgbSigningKey>();
        if (parse.GetValue(_androidKey) is { } android)
        {
            keys.Add(new PgbSigningKey
            {
                Platform = PgbPlatforms.Android,
                KeyId = PgbServerSettings.ParseKeyId("--android-key", android),
                KeyPassword = Password("--android-key-password-variable", _androidKeyPassword),
                KeystorePassword = Password("--android-keystore-password-variable", _androidKeystorePassword),
            });
        }

        if (parse.GetValue(_iosKey) is { } ios)
        {
            keys.Add(new PgbSigningKey
            {
                Platform = PgbPlatforms.Ios,
                KeyId = PgbServerSettings.ParseKeyId("--ios-key", ios),
                Password = Password("--ios-key-password-variable", _iosKeyPassword),
            });
        }

        return keys;
    }

    /// <param name="message">What an empty value gets told: <see cref="Strings.OptionNeedsFolder"/> unless given.</param>
    private static string RequiredPath(string option, string? path, string code, string? message = null) =>
        string.IsNullOrWhiteSpace(path)
            ? throw new PgbToolException(code, (message ?? Strings.OptionNeedsFolder).F(option))
            : Path.GetFullPath(path);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? FullPathOrNull(string? path) => string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temporary archive left behind is not worth failing a build over.
        }
    }

    internal static string ToolVersion { get; } = typeof(BuildCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
