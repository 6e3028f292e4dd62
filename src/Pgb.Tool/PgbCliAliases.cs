namespace Pgb.Tool;

/// <summary>
/// The command names of pgb-cli 1.1.3 (the PhoneGap Build team's own CLI), so its users' scripts keep their verbs:
/// each is a hidden command that does what pgb's own does (docs/pgb.md, "Coming from pgb-cli"). Names that pgb
/// already has (app, build, download, keys, log, login, logout, whoami) and <c>phonegaps</c> are pgb's own commands.
/// </summary>
internal static class PgbCliAliases
{
    /// <summary>pgb-cli's name, and the pgb command it runs (for <c>pgb --help</c>).</summary>
    public static readonly IReadOnlyList<(string Name, string Meaning)> Table =
    [
        ("ls", "apps"),
        ("build ID", "rebuild ID"),
        ("new", "app new"),
        ("update", "app update"),
        ("rm", "app rm"),
        ("pull", "app update --pull"),
        ("clone", "app update --pull"),
        ("wait", "status --wait"),
        ("key", "keys show"),
        ("new-key", "keys add"),
        ("update-key", "keys update"),
        ("rm-key", "keys rm"),
        ("lock", "keys lock"),
        ("unlock", "keys unlock"),
    ];

    public static IEnumerable<Command> Create(PgbCommandLine cli)
    {
        Command[] commands =
        [
            AppCommands.Apps(cli, "ls"),
            AppCommands.New(cli, "new"),
            AppCommands.Update(cli, "update"),
            AppCommands.Remove(cli, "rm"),
            AppCommands.Update(cli, "pull", pullAlways: true),
            AppCommands.Update(cli, "clone", pullAlways: true),
            BuildStatusCommands.Status(cli, "wait", waitAlways: true),
            KeyCommands.Show(cli, "key"),
            KeyCommands.Add(cli, "new-key"),
            KeyCommands.Update(cli, "update-key"),
            KeyCommands.Remove(cli, "rm-key"),
            KeyCommands.Lock(cli, "lock"),
            KeyCommands.Unlock(cli, "unlock"),
        ];
        foreach (var command in commands)
        {
            command.Hidden = true;
        }

        return commands;
    }

    /// <summary>The lines <c>pgb --help</c> ends with.</summary>
    public static string HelpText =>
        "pgb-cli's command names also work (see docs/pgb.md):" + Environment.NewLine
        + string.Join(Environment.NewLine, Table.Select(a => $"  {a.Name,-12} = pgb {a.Meaning}"));
}
