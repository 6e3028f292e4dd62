using Spectre.Console;

namespace Pgb.Tool;

/// <summary><c>pgb login</c>, <c>logout</c> and <c>whoami</c>: the token of a server in the per-user credentials file.</summary>
internal static class AccountCommands
{
    public static IEnumerable<Command> Create(PgbCommandLine cli) => [Login(cli), Logout(cli), WhoAmI(cli)];

    private static Command Login(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("login",
            "Log in: ask the server for the account's token (POST /token) and store it for that server in your credentials file "
            + "($XDG_CONFIG_HOME/pgb, ~/.config/pgb or %APPDATA%\\pgb; yours only). The password is never stored, the token never printed; PGB_AUTH_TOKEN wins over it.",
            "pgb login --server http://127.0.0.1:5000 --username dev",
            "echo \"$PGB_PASSWORD\" | pgb login --server https://build.example.com --username me@example.com --password-stdin");
        var userName = new Option<string>("--username") { Description = "The account's user name or e-mail.", HelpName = "NAME", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (its first line) instead of prompting." };
        var server = ToolSession.ServerOption();
        command.Options.Add(userName);
        command.Options.Add(passwordStdin);
        command.Options.Add(server);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var environment = cli.Environment;
            var url = ToolSession.ServerUrl(parse, server, environment);
            var user = parse.GetValue(userName)!;
            var password = ReadPassword(environment, console, parse.GetValue(passwordStdin), Strings.PasswordPrompt.F(user));
            console.Conceal(password);
            var store = new PgbCredentialStore(environment.CredentialsPath);
            var login = await PgbPipeline.LoginAsync(url, user, password ?? string.Empty, store, ToolSession.ClientOptions(environment), cancellationToken).ConfigureAwait(false);
            console.Conceal(login.Token);
            ToolOutput.Print(console, Strings.LoggedIn.F(login.Server, login.UserName, store.Path),
                () => new JsonObject { ["server"] = login.Server.ToString(), ["username"] = login.UserName, ["credentials"] = store.Path });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Logout(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("logout", "Forget the token stored for the server (the credentials file goes with the last one).",
            "pgb logout --server http://127.0.0.1:5000",
            "pgb logout            # the server of the last login");
        var server = ToolSession.ServerOption();
        command.Options.Add(server);
        command.SetRun(cli, (parse, console, _) =>
        {
            var url = ToolSession.ServerUrl(parse, server, cli.Environment);
            var removed = new PgbCredentialStore(cli.Environment.CredentialsPath).Remove(url);
            ToolOutput.Print(console, (removed ? Strings.LoggedOut : Strings.WasNotLoggedIn).F(url),
                () => new JsonObject { ["server"] = url.ToString(), ["removed"] = removed });
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command WhoAmI(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("whoami", "Show the account the token belongs to (GET /api/v1/me), and where the token came from.",
            "pgb whoami",
            "pgb whoami --server http://127.0.0.1:5000 --json");
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            using var connection = session.Connect(parse, cli.Environment, console);
            var me = await connection.Pipeline.GetMeAsync(cancellationToken).ConfigureAwait(false);
            var source = connection.Token.Login is null ? Strings.TokenFromVariable.F(connection.Token.VariableName) : Strings.TokenFromLogin.F(cli.Environment.CredentialsPath);
            ToolOutput.Print(console, Strings.WhoAmI.F(me.UserName, me.Email, connection.Client.ServerUrl, source), () => ToolOutput.Json(me));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The password from standard input (<c>--password-stdin</c>: its first line), else a masked prompt on a terminal;
    /// null when neither can give one (the pipeline then says how to pass it).
    /// </summary>
    internal static string? ReadPassword(ToolEnvironment environment, ToolConsole console, bool fromStdin, string prompt)
    {
        if (fromStdin)
        {
            return environment.Stdin.ReadLine()?.TrimEnd('\r');
        }

        if (!environment.StdinIsTerminal || console.Json)
        {
            return null;
        }

        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error), Interactive = InteractionSupport.Yes });
        return terminal.Prompt(new TextPrompt<string>(Markup.Escape(prompt)).Secret());
    }
}
