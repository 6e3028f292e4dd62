namespace Pgb.Tool;

/// <summary><c>pgb apps</c> and <c>pgb app show|new|update|rm|icon</c> (and <c>pgb app ID</c>, the official CLI's form).</summary>
internal static class AppCommands
{
    public static Command Apps(PgbCommandLine cli, string name = "apps")
    {
        var command = ToolCommand.Create(name, "List the apps the account sees, with each platform's build status.",
            "pgb apps",
            "pgb apps --json | jq '.apps[].id'");
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            using var connection = session.Connect(parse, cli.Environment, console);
            var apps = await connection.Pipeline.ListAppsAsync(cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, cli.Environment, () => AppTable(apps), () => new JsonObject { ["apps"] = ToolOutput.Json(apps) });
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command App(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("app", "Show, create, update, delete an app, or set its icon. 'pgb app ID' shows the app, as 'pgb app show ID' does.",
            "pgb app show 12",
            "pgb app new --www www --title \"My App\"",
            "pgb app update 12 --www www --app-version 1.2.0",
            "pgb app icon 12 icon.png",
            "pgb app rm 12");
        var id = new Argument<string?>("ID") { Description = "Show this app (the official CLI's 'pgb app ID').", Arity = ArgumentArity.ZeroOrOne, Hidden = true };
        command.Arguments.Add(id);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, (parse, console, cancellationToken) => parse.GetValue(id) is { } text
            ? ShowAsync(cli, parse, console, session, text, cancellationToken)
            : throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.AppNeedsSubcommand));
        command.Subcommands.Add(Show(cli));
        command.Subcommands.Add(New(cli, "new"));
        command.Subcommands.Add(Update(cli, "update"));
        command.Subcommands.Add(Remove(cli, "rm"));
        command.Subcommands.Add(Icon(cli));
        return command;
    }

    private static Command Show(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("show", "Show an app: its metadata, each platform's status, its signing keys and collaborators.",
            "pgb app show 12",
            "pgb app show 12 --json | jq .status");
        var id = ToolCommand.AppIdArgument();
        command.Arguments.Add(id);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, (parse, console, cancellationToken) => ShowAsync(cli, parse, console, session, parse.GetValue(id)!, cancellationToken));
        return command;
    }

    private static async Task<int> ShowAsync(PgbCommandLine cli, ParseResult parse, ToolConsole console, ToolSession session, string idText,
        CancellationToken cancellationToken)
    {
        var appId = PgbServerSettings.ParseAppId(idText);
        using var connection = session.Connect(parse, cli.Environment, console);
        var app = await connection.Pipeline.GetAppAsync(appId, cancellationToken).ConfigureAwait(false);
        ToolOutput.Print(console, cli.Environment, () => Details(app), () => ToolOutput.Json(app));
        return ExitCodes.Success;
    }

    public static Command New(PgbCommandLine cli, string name)
    {
        var command = ToolCommand.Create(name,
            "Create an app from a www folder (packaged as 'pgb build' packages it), a file (zip, tar.gz or index.html) or a public repository. "
            + "SOURCE may name any of them: a URL is a repository, a folder is www, anything else a file.",
            "pgb app new --www www --config config.xml --title \"My App\"",
            "pgb app new --file app.zip --package com.example.app",
            "pgb app new --repo https://github.com/phonegap/phonegap-start.git",
            "pgb new ./www        # the official CLI's form");
        var sources = AppSourceOptions.ForNew();
        var metadata = new AppMetadataOptions();
        sources.AddTo(command);
        metadata.AddTo(command);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var from = sources.Read(parse, cli.Environment);
            using var connection = session.Connect(parse, cli.Environment, console);
            var options = metadata.ForCreate(parse);
            options.Title ??= from.WwwDirectory is { } dir ? BuildCommand.DefaultTitle(dir) : null;
            var app = await connection.Pipeline.CreateAppAsync(from, options, new ConsoleReporter(console), cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, Strings.AppCreatedLine.F(app.Id, app.Title), () => ToolOutput.Json(app));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Update(PgbCommandLine cli, string name, bool pullAlways = false)
    {
        var command = ToolCommand.Create(name,
            pullAlways
                ? "Have a repo-backed app pull its repository again, and rebuild (the official CLI's 'pull'; the same as 'pgb app update ID --pull')."
                : "Update an app's contents (a www folder, a file, or a pull of its repository), its metadata, or both, in one request. The service rebuilds it.",
            pullAlways
                ? ["pgb pull 12"]
                : ["pgb app update 12 --www www", "pgb app update 12 --file app.zip --app-version 1.2.0", "pgb app update 12 --pull", "pgb app update 12 --title \"New Title\" --debug false"]);
        var id = ToolCommand.AppIdArgument();
        var sources = AppSourceOptions.ForUpdate();
        var metadata = new AppMetadataOptions();
        command.Arguments.Add(id);
        sources.AddTo(command);
        metadata.AddTo(command);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var appId = PgbServerSettings.ParseAppId(parse.GetValue(id)!);
            var from = sources.Read(parse, cli.Environment, pullAlways);
            using var connection = session.Connect(parse, cli.Environment, console);
            var app = await connection.Pipeline.UpdateAppAsync(appId, from, metadata.ForUpdate(parse), new ConsoleReporter(console), cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, Strings.AppUpdatedLine.F(app.Id, app.Title), () => ToolOutput.Json(app));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Remove(PgbCommandLine cli, string name)
    {
        var command = ToolCommand.Create(name, "Delete an app from the service (its builds and packages go with it).", "pgb app rm 12", "pgb rm 12 --json");
        var id = ToolCommand.AppIdArgument();
        command.Arguments.Add(id);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var appId = PgbServerSettings.ParseAppId(parse.GetValue(id)!);
            using var connection = session.Connect(parse, cli.Environment, console);
            var text = await connection.Pipeline.DeleteAppAsync(appId, cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, text ?? Strings.AppDeleted.F(appId), () => new JsonObject { ["success"] = text });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Icon(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("icon", "Upload a png as the app's icon (POST /api/v1/apps/:id/icon); the service rebuilds the app with it.",
            "pgb app icon 12 res/icon.png");
        var id = ToolCommand.AppIdArgument();
        var file = new Argument<string>("FILE") { Description = "The png to upload." };
        command.Arguments.Add(id);
        command.Arguments.Add(file);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var appId = PgbServerSettings.ParseAppId(parse.GetValue(id)!);
            var png = Path.GetFullPath(parse.GetValue(file)!);
            using var connection = session.Connect(parse, cli.Environment, console);
            var app = await connection.Pipeline.SetIconAsync(appId, png, cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, Strings.IconSet.F(appId, app.Icon?.FileName), () => ToolOutput.Json(app));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Id, title, version and one column per platform any app has a status for.</summary>
    internal static Spectre.Console.Table AppTable(IList<PgbApp> apps)
    {
        var platforms = PgbPlatforms.All.Where(p => apps.Any(a => a.StatusOf(p) is not null)).ToList();
        var table = ToolOutput.Table(["ID", "TITLE", "VERSION", .. platforms.Select(p => p.ToUpperInvariant())]);
        foreach (var app in apps)
        {
            ToolOutput.Row(table, [app.Id.ToString(CultureInfo.InvariantCulture), app.Title, app.Version, .. platforms.Select(p => app.StatusOf(p) ?? "-")]);
        }

        return table;
    }

    private static Spectre.Console.Rendering.IRenderable Details(PgbApp app)
    {
        var fields = new Spectre.Console.Grid().AddColumn().AddColumn();
        void Field(string name, string? value) => fields.AddRow(new Spectre.Console.Text(name), new Spectre.Console.Text(value ?? "-"));
        Field("id", app.Id.ToString(CultureInfo.InvariantCulture));
        Field("title", app.Title);
        Field("package", app.Package);
        Field("version", app.Version);
        Field("repo", app.Repo);
        Field("phonegap", app.PhonegapVersion);
        Field("builds", app.BuildCount?.ToString(CultureInfo.InvariantCulture));
        Field("role", app.Role);
        Field("icon", app.Icon?.FileName);
        var keys = app.Keys.Where(k => k.Value is not null).Select(k => $"{k.Key} #{k.Value!.Id}").ToList();
        Field("keys", keys.Count == 0 ? null : string.Join(", ", keys));
        if (app.Collaborators is { } people)
        {
            Field("collaborators", string.Join(", ", people.Active.Select(c => $"{c.Person} ({c.Role})").Concat(people.Pending.Select(c => $"{c.Person} ({c.Role}, pending)"))));
        }

        return new Spectre.Console.Rows(fields, BuildStatusCommands.StatusTable(app));
    }
}
