namespace Pgb.Tool;

/// <summary><c>pgb collab ID</c> (list) and <c>collab add|role|rm</c>: the people an app is shared with (Write API: collaborators).</summary>
internal static class CollabCommands
{
    private static readonly string Roles = string.Join("|", PgbCollaboratorRoles.All);

    public static Command Collab(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("collab", "'pgb collab ID' lists an app's collaborators (active ones have an account; pending ones were invited), or add, change or remove one. Only the owner or an admin may change them.",
            "pgb collab 12",
            "pgb collab add 12 tester@example.com --role tester",
            "pgb collab role 12 13 --role developer",
            "pgb collab rm 12 13");
        var id = new Argument<string?>("ID") { Description = "The app whose collaborators to list.", Arity = ArgumentArity.ZeroOrOne, Hidden = true };
        command.Arguments.Add(id);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var appId = PgbServerSettings.ParseAppId(parse.GetValue(id) ?? throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.CollabNeedsApp));
            using var connection = session.Connect(parse, cli.Environment, console);
            var people = await connection.Pipeline.ListCollaboratorsAsync(appId, cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, cli.Environment, () =>
            {
                var table = ToolOutput.Table("ID", "PERSON", "ROLE", "STATE");
                foreach (var person in people.Active)
                {
                    ToolOutput.Row(table, person.Id?.ToString(CultureInfo.InvariantCulture) ?? "-", person.Person, person.Role, "active");
                }

                foreach (var person in people.Pending)
                {
                    ToolOutput.Row(table, person.Id?.ToString(CultureInfo.InvariantCulture) ?? "-", person.Person, person.Role, "pending");
                }

                return table;
            }, () => ToolOutput.Json(people));
            return ExitCodes.Success;
        });
        command.Subcommands.Add(Add(cli));
        command.Subcommands.Add(Role(cli));
        command.Subcommands.Add(Remove(cli));
        return command;
    }

    private static Command Add(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("add", "Share an app: with someone who has an account at once (201), else as a pending invitation (202).",
            "pgb collab add 12 tester@example.com --role tester");
        var id = ToolCommand.AppIdArgument();
        var email = new Argument<string>("EMAIL") { Description = "The person's e-mail address." };
        var role = RoleOption();
        command.Arguments.Add(id);
        command.Arguments.Add(email);
        command.Options.Add(role);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var appId = PgbServerSettings.ParseAppId(parse.GetValue(id)!);
            using var connection = session.Connect(parse, cli.Environment, console);
            var person = parse.GetValue(email)!.Trim();
            var result = await connection.Pipeline.AddCollaboratorAsync(appId, person, parse.GetValue(role)!, cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, (result.Pending ? Strings.CollaboratorInvited : Strings.CollaboratorAdded).F(person, appId, Added(result.App, person, parse.GetValue(role)!)),
                () => new JsonObject { ["pending"] = result.Pending, ["app"] = ToolOutput.Json(result.App) });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Role(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("role", "Change a collaborator's role (the e-mail cannot change).", "pgb collab role 12 13 --role developer");
        var id = ToolCommand.AppIdArgument();
        var collaborator = new Argument<string>("COLLAB_ID") { Description = "The collaborator's id ('pgb collab ID' lists them)." };
        var role = RoleOption();
        command.Arguments.Add(id);
        command.Arguments.Add(collaborator);
        command.Options.Add(role);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var appId = PgbServerSettings.ParseAppId(parse.GetValue(id)!);
            var collaboratorId = ToolCommand.ParseId("COLLAB_ID", parse.GetValue(collaborator));
            using var connection = session.Connect(parse, cli.Environment, console);
            var changed = await connection.Pipeline.ChangeCollaboratorRoleAsync(appId, collaboratorId, parse.GetValue(role)!, cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, Strings.CollaboratorRoleChanged.F(changed.Person, appId, changed.Role), () => ToolOutput.Json(changed));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("rm", "Stop sharing an app with a collaborator.", "pgb collab rm 12 13");
        var id = ToolCommand.AppIdArgument();
        var collaborator = new Argument<string>("COLLAB_ID") { Description = "The collaborator's id ('pgb collab ID' lists them)." };
        command.Arguments.Add(id);
        command.Arguments.Add(collaborator);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var appId = PgbServerSettings.ParseAppId(parse.GetValue(id)!);
            var collaboratorId = ToolCommand.ParseId("COLLAB_ID", parse.GetValue(collaborator));
            using var connection = session.Connect(parse, cli.Environment, console);
            var text = await connection.Pipeline.RemoveCollaboratorAsync(appId, collaboratorId, cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, text ?? Strings.CollaboratorRemoved.F(collaboratorId, appId), () => new JsonObject { ["success"] = text });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The role and id the answer gives the person (<c>developer (collaborator #2)</c>), so the next
    /// <c>collab role</c> or <c>collab rm</c> can name them; the role asked for, as answers spell it, when the answer
    /// does not list them (the hosted service listed pending people without an id).</summary>
    private static string Added(PgbApp app, string email, string asked)
    {
        var people = app.Collaborators is { } c ? c.Active.Concat(c.Pending) : [];
        var entry = people.FirstOrDefault(p => string.Equals(p.Person, email, StringComparison.OrdinalIgnoreCase));
        var role = entry?.Role ?? (PgbCollaboratorRoles.ToWire(asked) == "dev" ? PgbCollaboratorRoles.Developer : asked.Trim().ToLowerInvariant());
        return entry?.Id is { } id ? Strings.CollaboratorRoleAndId.F(role, id) : role;
    }

    private static Option<string> RoleOption() =>
        new("--role") { Description = $"{Roles}: a tester reads and downloads; a developer also updates and builds; an admin does everything.", HelpName = "ROLE", Required = true };
}
