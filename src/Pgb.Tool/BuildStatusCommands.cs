namespace Pgb.Tool;

/// <summary><c>pgb status</c>, <c>download</c>, <c>log</c>, <c>pack</c> and <c>phonegaps</c>.</summary>
internal static class BuildStatusCommands
{
    public static Command Status(PgbCommandLine cli, string name = "status", bool waitAlways = false)
    {
        var command = ToolCommand.Create(name,
            waitAlways
                ? "Wait for an app's builds to end (the official CLI's 'wait'; the same as 'pgb status ID --wait')."
                : "Show each platform's build status of an app; with --wait, wait until the builds being built end (exit 4 when one fails).",
            waitAlways ? ["pgb wait 12"] : ["pgb status 12", "pgb status 12 --wait --timeout 600", "pgb status 12 --json | jq .status.android"]);
        var id = ToolCommand.AppIdArgument();
        var wait = new Option<bool>("--wait") { Description = "Wait until every platform being built is complete (or one fails)." };
        var waiting = new WaitOptions();
        command.Arguments.Add(id);
        if (!waitAlways)
        {
            command.Options.Add(wait);
        }

        waiting.AddTo(command);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var appId = PgbServerSettings.ParseAppId(parse.GetValue(id)!);
            var options = waiting.Read(parse);
            using var connection = session.Connect(parse, cli.Environment, console);
            PgbApp app;
            if (waitAlways || parse.GetValue(wait))
            {
                using var reporter = ConsoleReporter.For(console, cli.Environment, cancellationToken);
                app = await connection.Pipeline.WaitForBuildsAsync(appId, null, options, reporter, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                app = await connection.Pipeline.GetAppAsync(appId, cancellationToken).ConfigureAwait(false);
            }

            ToolOutput.Print(console, cli.Environment, () => StatusTable(app), () => new JsonObject
            {
                ["id"] = app.Id,
                ["status"] = ToolOutput.Json(app.Status),
                ["error"] = ToolOutput.Json(app.Error),
            });
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Download(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("download",
            "Download the packages an app's builds produced: of the platforms named, or of every complete one. Each is saved as NAME-PLATFORM.EXT through a temporary name.",
            "pgb download 12 --out out",
            "pgb download 12 android ios --out out --name myapp");
        var id = ToolCommand.AppIdArgument();
        var platforms = new Argument<string[]>("PLATFORM") { Description = "The platforms to download (default: every complete one).", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--out") { Description = "Where the packages are saved.", HelpName = "DIR", DefaultValueFactory = _ => "." };
        var name = new Option<string>("--name") { Description = "Packages are saved as NAME-PLATFORM.EXT.", HelpName = "NAME", DefaultValueFactory = _ => "app" };
        command.Arguments.Add(id);
        command.Arguments.Add(platforms);
        command.Options.Add(output);
        command.Options.Add(name);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var appId = PgbServerSettings.ParseAppId(parse.GetValue(id)!);
            var chosen = parse.GetValue(platforms) is { Length: > 0 } names ? PgbPlatformList.Parse(string.Join(",", names)) : null;
            var folder = string.IsNullOrWhiteSpace(parse.GetValue(output)) ? throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.OptionNeedsFolder.F("--out")) : Path.GetFullPath(parse.GetValue(output)!);
            using var connection = session.Connect(parse, cli.Environment, console);
            IReadOnlyList<PgbArtifact> artifacts;
            using (var reporter = ConsoleReporter.For(console, cli.Environment, cancellationToken))
            {
                artifacts = await connection.Pipeline.DownloadAppAsync(appId, chosen, folder, parse.GetValue(name)!, reporter, cancellationToken).ConfigureAwait(false);
            }

            BuildCommand.Report(console, new PgbJobResult(appId, artifacts));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Log(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("log", "Print the last build log of one platform of an app (GET /api/v1/apps/:id/logs/:platform/build).",
            "pgb log 12 android", "pgb log 12 ios --json | jq -r .log");
        var id = ToolCommand.AppIdArgument();
        var platform = ToolCommand.PlatformArgument();
        command.Arguments.Add(id);
        command.Arguments.Add(platform);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var appId = PgbServerSettings.ParseAppId(parse.GetValue(id)!);
            var name = ToolCommand.ParsePlatform(parse.GetValue(platform));
            using var connection = session.Connect(parse, cli.Environment, console);
            var log = await connection.Pipeline.GetBuildLogAsync(appId, name, cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, log.TrimEnd('\r', '\n'), () => new JsonObject { ["log"] = log });
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Pack(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("pack", "Package a www folder into a zip as 'pgb build' uploads it (deterministic; config.xml at the root), without talking to any server.",
            "pgb pack --www www --config config.xml --out app.zip");
        var www = new Option<string>("--www") { Description = "The folder to package.", HelpName = "DIR", DefaultValueFactory = _ => "www" };
        var config = new Option<string>("--config") { Description = "A config.xml to put at the archive root (default: www/config.xml when present).", HelpName = "FILE" };
        var output = new Option<string>("--out") { Description = "The zip to write (replaced in one step).", HelpName = "FILE", Required = true };
        command.Options.Add(www);
        command.Options.Add(config);
        command.Options.Add(output);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var request = new PgbPackageRequest
            {
                WwwDirectory = Path.GetFullPath(parse.GetValue(www)!),
                ConfigXml = parse.GetValue(config) is { } file ? Path.GetFullPath(file) : null,
                OutputPath = string.IsNullOrWhiteSpace(parse.GetValue(output)) ? throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.OptionNeedsFile.F("--out")) : Path.GetFullPath(parse.GetValue(output)!),
            };
            var result = await PgbPipeline.PackageAsync(request, new ConsoleReporter(console), cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, string.Create(CultureInfo.InvariantCulture, $"{result.ArchivePath}  {result.EntryCount} entries  {result.Length} bytes"), () => new JsonObject
            {
                ["path"] = result.ArchivePath,
                ["entries"] = result.EntryCount,
                ["length"] = result.Length,
                ["configXml"] = result.HasConfigXml,
            });
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command PhoneGaps(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("phonegaps", "List the PhoneGap versions the service builds with, and its default (GET /api/v1/current_support; the official CLI's command).",
            "pgb phonegaps", "pgb phonegaps --json | jq -r .default");
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            using var connection = session.Connect(parse, cli.Environment, console);
            var support = await connection.Pipeline.GetCurrentSupportAsync(cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, cli.Environment, () =>
            {
                var table = ToolOutput.Table("PHONEGAP", "DEFAULT", "SUPPORTS");
                foreach (var (version, what) in support.ByPhonegap)
                {
                    ToolOutput.Row(table, version, version == support.Default ? "yes" : string.Empty, Describe(what));
                }

                return table;
            }, () => ToolOutput.Json(support));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Describe(Newtonsoft.Json.Linq.JToken? value) => value switch
    {
        Newtonsoft.Json.Linq.JArray list => string.Join(", ", list.Select(v => v.ToString())),
        Newtonsoft.Json.Linq.JObject map => string.Join(", ", map.Properties().Select(p => $"{p.Name} {p.Value}")),
        null => string.Empty,
        _ => value.ToString(),
    };

    internal static Spectre.Console.Table StatusTable(PgbApp app) => StatusTable(app.Status, app);

    internal static Spectre.Console.Table StatusTable(IEnumerable<KeyValuePair<string, string?>> statuses, PgbApp app)
    {
        var table = ToolOutput.Table("PLATFORM", "STATUS", "ERROR");
        foreach (var (platform, status) in statuses)
        {
            ToolOutput.Row(table, platform, status ?? "-", app.ErrorOf(platform));
        }

        return table;
    }
}
