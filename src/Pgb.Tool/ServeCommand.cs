using Pgb.Server;

namespace Pgb.Tool;

/// <summary>
/// <c>pgb serve</c>: runs the local PhoneGap-Build-compatible server on 127.0.0.1 until Ctrl+C or SIGTERM.
/// The first stdout line is the ready signal scripts wait for: <c>Listening on http://127.0.0.1:PORT</c>
/// (<c>{"url":"..."}</c> with <c>--json</c>).
/// </summary>
internal sealed class ServeCommand
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private readonly Option<int> _port = new("--port") { Description = "The port on 127.0.0.1; 0 picks a free one (printed in the ready line).", HelpName = "PORT", DefaultValueFactory = _ => 0 };
    private readonly Option<int?> _storagePort = new("--storage-port") { Description = "Serve downloads and icons from this second port on 127.0.0.1, as the service sent them to S3 on another host; 0 picks a free one. Without it they come from --port.", HelpName = "PORT" };
    private readonly Option<bool> _inMemory = new("--in-memory") { Description = "Keep apps and builds in memory only (the default; all is lost on exit)." };
    private readonly Option<string> _data = new("--data") { Description = "Keep apps, uploads, builds and packages in DIR across restarts (created when missing; one server per DIR).", HelpName = "DIR" };
    private readonly Option<string[]> _users = new("--user") { Description = "Add an account (repeatable). Without any, the development account exists: user dev, password dev, token pgb-dev-token.", HelpName = "NAME:EMAIL:PASSWORD:TOKEN" };
    private readonly Option<string> _buildSeconds = new("--build-seconds") { Description = "How long each simulated build takes.", HelpName = "SECONDS", DefaultValueFactory = _ => "2" };
    private readonly Option<string[]> _fail = new("--fail") { Description = "Make builds of PLATFORM end in error with MESSAGE (repeatable).", HelpName = "PLATFORM=MESSAGE" };
    private readonly Option<bool> _verbose = new("--verbose") { Description = "Log every request to stderr." };
    private readonly Option<int> _maxUploadMb = new("--max-upload-mb") { Description = "The largest upload (an app's source, an icon, key files) in MiB; larger ones are refused with 413 before they are read.", HelpName = "MB", DefaultValueFactory = _ => (int)(PgbServerOptions.DefaultMaxUploadBytes / (1024 * 1024)) };
    private readonly Option<string[]> _allowedHosts = new("--allowed-host") { Description = "Also answer requests for this host name (repeatable): a reverse proxy's public name, in Host or X-Forwarded-Host. 127.0.0.1, localhost and [::1] are always answered.", HelpName = "NAME" };

    public ServeCommand(PgbCommandLine cli)
    {
        Command = new Command("serve", "Run a local PhoneGap-Build-compatible server on 127.0.0.1 until Ctrl+C.")
        {
            _port, _storagePort, _inMemory, _data, _users, _buildSeconds, _fail, _maxUploadMb, _allowedHosts, _verbose,
        };
        ToolCommand.AddExamples(Command, "pgb serve --port 5000", "pgb serve --data .pgb-data --user ann:ann@example.com:s3cret:ann-token --verbose");
        _port.Validators.Add(result => ValidatePort(result, Strings.PortOutOfRange));
        _storagePort.Validators.Add(result => ValidatePort(result, Strings.StoragePortOutOfRange));
        _maxUploadMb.Validators.Add(result =>
        {
            int megabytes;
            try
            {
                megabytes = result.GetValueOrDefault<int>();
            }
            catch (InvalidOperationException)
            {
                // Not a number: the parser reports that already (PGB1000).
                return;
            }

            if (megabytes < 1 || megabytes * 1024L * 1024 > Array.MaxLength)
            {
                result.AddError(Strings.MaxUploadOutOfRange.F(Array.MaxLength / (1024 * 1024), megabytes));
            }
        });
        Command.Validators.Add(result =>
        {
            if (result.GetResult(_data) is { Implicit: false } && result.GetResult(_inMemory) is { Implicit: false })
            {
                result.AddError(Strings.DataOrInMemory);
            }

            try
            {
                if (result.GetValue(_storagePort) is { } storagePort and not 0 && storagePort == result.GetValue(_port))
                {
                    result.AddError(Strings.StoragePortSameAsPort.F(storagePort));
                }
            }
            catch (InvalidOperationException)
            {
                // A port that is not a number: reported by the parser already (PGB1000).
            }
        });
        Command.SetAction((parse, cancellationToken) => cli.Run(parse, cancellationToken, console => RunAsync(parse, console, cancellationToken)));
    }

    public Command Command { get; }

    private static void ValidatePort(System.CommandLine.Parsing.OptionResult result, string outOfRange)
    {
        int? port;
        try
        {
            port = result.GetValueOrDefault<int?>();
        }
        catch (InvalidOperationException)
        {
            // Not a number: the parser reports that already (PGB1000); reading the value here threw, which
            // escaped the parse as PGB0000.
            return;
        }

        if (port is < 0 or > 65535)
        {
            result.AddError(outOfRange.F(port));
        }
    }

    private async Task<int> RunAsync(ParseResult parse, ToolConsole console, CancellationToken cancellationToken)
    {
        var data = parse.GetValue(_data);
        if (data is not null && string.IsNullOrWhiteSpace(data))
        {
            throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.OptionNeedsDirectory.F("--data"));
        }

        var options = new PgbServerOptions
        {
            Port = parse.GetValue(_port),
            StoragePort = parse.GetValue(_storagePort),
            DataDirectory = data is null ? null : Path.GetFullPath(data),
            BuildDuration = PgbServerSettings.ParseSeconds("--build-seconds", parse.GetValue(_buildSeconds)!),
            MaxUploadBytes = parse.GetValue(_maxUploadMb) * 1024L * 1024,
        };
        foreach (var host in parse.GetValue(_allowedHosts) ?? [])
        {
            options.AllowedHosts.Add(ServeArguments.ParseAllowedHost(host));
        }

        var position = 0;
        foreach (var user in parse.GetValue(_users) ?? [])
        {
            var account = ServeArguments.ParseUser(user, ++position);
            // The request log shows paths and queries: a client that puts a secret there must not have it printed.
            console.Conceal(account.Password);
            console.Conceal(account.Token);
            options.Accounts.Add(account);
        }

        ServeArguments.CheckDistinct([.. options.Accounts]);

        foreach (var text in parse.GetValue(_fail) ?? [])
        {
            var failure = ServeArguments.ParseFailure(text);
            options.FailingPlatforms[failure.Key] = failure.Value;
        }

        if (parse.GetValue(_verbose))
        {
            options.Log = entry => console.Note(ServeLog.OneLine(entry));
        }

        PgbServer server;
        try
        {
            server = await ServerStarter.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C before the server was ready: a stop like any other (exit 0), not a failed command.
            console.Note(Strings.StoppedBeforeReady);
            return ExitCodes.Success;
        }

        try
        {
            var url = ServerStarter.DisplayUrl(server);
            if (console.Json)
            {
                console.Result(new JsonObject { ["url"] = url });
            }
            else
            {
                console.Result("Listening on " + url);
            }

            // Which account to use, and where its token goes; never a token itself, not even the well-known one: logs of CI
            // jobs get copied around.
            console.Error.WriteLine(options.Accounts.Count == 0
                ? Strings.DevelopmentAccount.F(PgbAccount.Development.UserName, ToolEnvironment.DefaultTokenVariable)
                : Strings.ConfiguredAccounts.F(string.Join(", ", options.Accounts.Select(a => a.UserName)), ToolEnvironment.DefaultTokenVariable));
            console.Error.Flush();
            if (server.StorageUri is { } storage)
            {
                console.Note(Strings.StorageOrigin.F(storage.GetLeftPart(UriPartial.Authority)));
            }

            if (server.DataDirectory is not null)
            {
                console.Note(Strings.DataDirectory.F(server.DataDirectory));
            }

            // With --verbose the server's own log said so already, as it opened the directory.
            if (!parse.GetValue(_verbose))
            {
                foreach (var unreachable in server.UnreachableApps)
                {
                    console.Note(Strings.UnreachableApps.F(string.Join(", ", unreachable.AppIds), unreachable.OwnerEmail));
                }
            }

            console.Note(Strings.PressCtrlC);

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: the normal way to stop a server.
            }

            console.Note(Strings.Stopping);
            using var shutdown = new CancellationTokenSource(ShutdownTimeout);
            await server.StopAsync(shutdown.Token).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        finally
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
