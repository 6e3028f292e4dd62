namespace Pgb.Tool;

/// <summary>
/// <c>pgb rebuild ID [PLATFORM...]</c>: queue builds of an app's current contents (no package, no upload), wait for them
/// unless <c>--no-wait</c>, and download them with <c>--out</c>. pgb-cli's <c>pgb build ID [PLATFORM...]</c> runs this
/// (see <see cref="PgbCommandLine.Rewrite"/>).
/// </summary>
internal static class RebuildCommand
{
    public static Command Create(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("rebuild", "Build an app's current contents again (no upload): queue, wait, and download with --out. pgb-cli's 'pgb build ID [PLATFORM...]' runs this.",
            "pgb rebuild 12", "pgb rebuild 12 android --out out", "pgb rebuild 12 ios --no-wait");
        var id = ToolCommand.AppIdArgument();
        var platforms = new Argument<string[]>("PLATFORM") { Description = "The platforms to build (default: all).", Arity = ArgumentArity.ZeroOrMore };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the builds are queued." };
        var output = new Option<string>("--out") { Description = "Download the packages into DIR once built.", HelpName = "DIR" };
        var name = new Option<string>("--name") { Description = "Packages are saved as NAME-PLATFORM.EXT.", HelpName = "NAME", DefaultValueFactory = _ => "app" };
        var waiting = new WaitOptions();
        command.Arguments.Add(id);
        command.Arguments.Add(platforms);
        foreach (var option in new Option[] { noWait, output, name })
        {
            command.Options.Add(option);
        }

        waiting.AddTo(command);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var environment = cli.Environment;
            var appId = PgbServerSettings.ParseAppId(parse.GetValue(id)!);
            IReadOnlyList<string> chosen = parse.GetValue(platforms) is { Length: > 0 } names ? PgbPlatformList.Parse(string.Join(",", names)) : [];
            var wait = waiting.Read(parse);
            var folder = parse.GetValue(output) is { } dir
                ? string.IsNullOrWhiteSpace(dir) ? throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.OptionNeedsFolder.F("--out")) : Path.GetFullPath(dir)
                : null;
            using var connection = session.Connect(parse, environment, console);
            using var reporter = ConsoleReporter.For(console, environment, cancellationToken);
            var app = await connection.Pipeline.BuildAsync(appId, chosen, reporter, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(noWait))
            {
                reporter.Dispose();
                BuildCommand.ReportQueued(console, appId, chosen);
                return ExitCodes.Success;
            }

            app = await connection.Pipeline.WaitForBuildsAsync(appId, chosen, wait, reporter, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<PgbArtifact> artifacts = [];
            if (folder is not null)
            {
                artifacts = await connection.Pipeline.DownloadAppAsync(appId, chosen.Count > 0 ? chosen : null, folder, parse.GetValue(name)!, reporter, cancellationToken).ConfigureAwait(false);
            }

            reporter.Dispose();
            if (folder is not null)
            {
                BuildCommand.Report(console, new PgbJobResult(appId, artifacts));
                return ExitCodes.Success;
            }

            // The platforms waited for: others may still be building whatever an earlier request queued.
            var shown = chosen.Count == 0 ? app.Status : app.Status.Where(s => chosen.Contains(s.Key, StringComparer.OrdinalIgnoreCase)).ToDictionary(s => s.Key, s => s.Value);
            ToolOutput.Print(console, environment, () => BuildStatusCommands.StatusTable(shown, app), () => new JsonObject { ["appId"] = appId, ["status"] = ToolOutput.Json(shown) });
            return ExitCodes.Success;
        });
        return command;
    }
}
