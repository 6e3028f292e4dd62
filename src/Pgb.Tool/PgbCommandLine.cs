using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Pgb.Tool;

/// <summary>
/// The command tree (System.CommandLine does help, errors and POSIX conventions), and the one place that turns
/// parse errors and exceptions into <c>pgb: error PGB####: message</c> and an exit code.
/// </summary>
internal sealed class PgbCommandLine
{
    private readonly ToolEnvironment _environment;

    public PgbCommandLine(ToolEnvironment environment)
    {
        _environment = environment;
        Json = new Option<bool>("--json")
        {
            Description = "Write the result, or the error, as one JSON document on stdout.",
            Recursive = true,
        };
        // A plain command named pgb rather than RootCommand, whose name is the host's file name (testhost, Pgb.Tool).
        Root = new Command("pgb", "pgb: build Cordova/PhoneGap apps on a PhoneGap-Build-compatible service, or run one locally.")
        {
            new HelpOption(),
            new VersionOption(),
            Json,
        };
        foreach (var command in AccountCommands.Create(this))
        {
            Root.Subcommands.Add(command);
        }

        Root.Subcommands.Add(AppCommands.Apps(this));
        Root.Subcommands.Add(AppCommands.App(this));
        Root.Subcommands.Add(new BuildCommand(this).Command);
        Root.Subcommands.Add(RebuildCommand.Create(this));
        Root.Subcommands.Add(BuildStatusCommands.Status(this));
        Root.Subcommands.Add(BuildStatusCommands.Download(this));
        Root.Subcommands.Add(BuildStatusCommands.Log(this));
        Root.Subcommands.Add(BuildStatusCommands.Pack(this));
        Root.Subcommands.Add(KeyCommands.Keys(this));
        Root.Subcommands.Add(CollabCommands.Collab(this));
        Root.Subcommands.Add(BuildStatusCommands.PhoneGaps(this));
        Root.Subcommands.Add(new ServeCommand(this).Command);
        foreach (var alias in PgbCliAliases.Create(this))
        {
            Root.Subcommands.Add(alias);
        }

        var help = Root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction standard)
        {
            help.Action = new HelpWithExitCodes(standard);
        }
    }

    public Command Root { get; }

    /// <summary><c>--json</c>, accepted by every command.</summary>
    public Option<bool> Json { get; }

    public ToolEnvironment Environment => _environment;

    public async Task<int> InvokeAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var parse = Root.Parse(Rewrite(args));
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            var console = new ToolConsole(stdout, stderr, JsonRequested(parse), _environment.ColorOnStderr);
            var exitCode = console.Fail(new ToolFailure(ToolErrorCodes.InvalidArguments, ParseErrors.Describe(args, parse)));
            var command = parse.CommandResult.Command;
            stderr.WriteLine(ReferenceEquals(command, Root) ? Strings.UsageHint : Strings.CommandUsageHint.F(command.Name));
            return exitCode;
        }

        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // Failures are reported by Run below; Ctrl+C is wired by Program.Main into the token we pass.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// pgb-cli's <c>pgb build ID [PLATFORM...]</c> (an app id right after <c>build</c>) is <c>pgb rebuild</c>: <c>build</c>
    /// itself takes no positional argument, so a mistyped option is never taken for an id (and its value never printed).
    /// </summary>
    internal static string[] Rewrite(string[] args) =>
        args.Length >= 2 && args[0] == "build" && args[1].Length > 0 && args[1].All(char.IsAsciiDigit) ? ["rebuild", .. args[1..]] : args;

    /// <summary>
    /// Runs a command's body with its console; whatever it throws becomes a coded error on stderr (and stdout with
    /// <c>--json</c>) and the exit code of its class.
    /// </summary>
    public async Task<int> Run(ParseResult parse, CancellationToken cancellationToken, Func<ToolConsole, Task<int>> body)
    {
        var console = new ToolConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, JsonRequested(parse), _environment.ColorOnStderr);
        try
        {
            return await body(console).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return console.Fail(ToolFailure.From(ex, cancellationToken));
        }
    }

    private bool JsonRequested(ParseResult parse)
    {
        try
        {
            return parse.GetValue(Json);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The standard help, then the exit codes.</summary>
    private sealed class HelpWithExitCodes(HelpAction standard) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var exitCode = standard.Invoke(parseResult);
            if (ToolCommand.Examples(parseResult.CommandResult.Command) is { } examples)
            {
                parseResult.InvocationConfiguration.Output.WriteLine(examples);
                parseResult.InvocationConfiguration.Output.WriteLine();
            }

            if (parseResult.CommandResult.Command.Parents.FirstOrDefault() is null)
            {
                parseResult.InvocationConfiguration.Output.WriteLine(PgbCliAliases.HelpText);
                parseResult.InvocationConfiguration.Output.WriteLine();
            }

            parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes.HelpText);
            return exitCode;
        }
    }
}
