namespace Pgb.Tool;

/// <summary>
/// <c>pgb keys</c> (list) and <c>keys show|add|unlock|lock|update|rm</c>. Passwords only ever come from environment
/// variables named by options (or a prompt on a terminal), never from the command line.
/// </summary>
internal static class KeyCommands
{
    public static Command Keys(PgbCommandLine cli)
    {
        var command = ToolCommand.Create("keys", "List the account's signing keys (of one platform when named), with whether each is locked.",
            "pgb keys", "pgb keys android", "pgb keys --json | jq '.keys.ios.all[].id'");
        var platform = new Argument<string?>("PLATFORM") { Description = "Only this platform's keys (the official CLI's 'pgb keys PLATFORM').", Arity = ArgumentArity.ZeroOrOne };
        command.Arguments.Add(platform);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            using var connection = session.Connect(parse, cli.Environment, console);
            if (parse.GetValue(platform) is { } name)
            {
                var group = ToolCommand.ParsePlatform(name);
                var listing = await connection.Pipeline.ListKeysAsync(group, cancellationToken).ConfigureAwait(false);
                ToolOutput.Print(console, cli.Environment, () => KeyTable(listing.Keys.Select(k => (group, k))), () => ToolOutput.Json(listing));
            }
            else
            {
                var listing = await connection.Pipeline.ListKeysAsync(cancellationToken).ConfigureAwait(false);
                var all = listing.Keys?.Platforms.SelectMany(g => (g.Value?.All ?? []).Select(k => (g.Key, k))) ?? [];
                ToolOutput.Print(console, cli.Environment, () => KeyTable(all), () => ToolOutput.Json(listing));
            }

            return ExitCodes.Success;
        });
        command.Subcommands.Add(Show(cli, "show"));
        command.Subcommands.Add(Add(cli, "add"));
        command.Subcommands.Add(Unlock(cli, "unlock"));
        command.Subcommands.Add(Lock(cli, "lock"));
        command.Subcommands.Add(Update(cli, "update"));
        command.Subcommands.Add(Remove(cli, "rm"));
        return command;
    }

    public static Command Show(PgbCommandLine cli, string name)
    {
        var command = ToolCommand.Create(name, "Show one signing key.", "pgb keys show android 3");
        var (platform, id) = PlatformAndId(command);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var (group, keyId) = Read(parse, platform, id);
            using var connection = session.Connect(parse, cli.Environment, console);
            var key = await connection.Pipeline.GetKeyAsync(group, keyId, cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, cli.Environment, () => KeyTable([(group, key)]), () => ToolOutput.Json(key));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Add(PgbCommandLine cli, string name)
    {
        var command = ToolCommand.Create(name,
            "Upload a signing key. android: --keystore FILE --alias A; ios: --cert FILE --profile FILE; blackberry: --db FILE --csk FILE. "
            + "With its password variables the key is uploaded unlocked; without them, locked ('pgb keys unlock' later).",
            "pgb keys add android --title Release --keystore release.keystore --alias release --keystore-password-variable KS_PW --key-password-variable KEY_PW",
            "pgb keys add ios --title \"Dev cert\" --cert dev.p12 --profile dev.mobileprovision --password-variable IOS_PW --default",
            "pgb keys add blackberry --title BB --db sigtool.db --csk sigtool.csk");
        var platform = ToolCommand.PlatformArgument();
        var title = new Option<string>("--title") { Description = "The name the key is listed under.", HelpName = "TITLE", Required = true };
        var isDefault = new Option<bool>("--default") { Description = "Make it the account's default key for the platform." };
        var keystore = new Option<string>("--keystore") { Description = "android: the keystore file.", HelpName = "FILE" };
        var alias = new Option<string>("--alias") { Description = "android: the alias of the key in the keystore.", HelpName = "ALIAS" };
        var cert = new Option<string>("--cert") { Description = "ios: the p12 certificate.", HelpName = "FILE" };
        var profile = new Option<string>("--profile") { Description = "ios: the mobileprovision profile.", HelpName = "FILE" };
        var db = new Option<string>("--db") { Description = "blackberry: sigtool.db.", HelpName = "FILE" };
        var csk = new Option<string>("--csk") { Description = "blackberry: sigtool.csk.", HelpName = "FILE" };
        var passwords = new PasswordOptions();
        command.Arguments.Add(platform);
        foreach (var option in new Option[] { title, isDefault, keystore, alias, cert, profile, db, csk })
        {
            command.Options.Add(option);
        }

        passwords.AddTo(command);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var group = ToolCommand.ParsePlatform(parse.GetValue(platform));
            string? Path(Option<string> option) => parse.GetValue(option) is { } file ? System.IO.Path.GetFullPath(file) : Missing(option);
            string Missing(Option<string> option) => throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.KeyOptionRequired.F(option.Name, group));
            PgbKeyOptions key = group switch
            {
                PgbPlatforms.Android => new PgbAndroidKeyOptions
                {
                    KeystorePath = Path(keystore),
                    Alias = parse.GetValue(alias) ?? Missing(alias),
                    KeyPassword = passwords.Read(parse, cli.Environment, PasswordOptions.Key),
                    KeystorePassword = passwords.Read(parse, cli.Environment, PasswordOptions.Keystore),
                },
                PgbPlatforms.Ios => new PgbIosKeyOptions { CertificatePath = Path(cert), ProfilePath = Path(profile), Password = passwords.Read(parse, cli.Environment, PasswordOptions.Single) },
                PgbPlatforms.BlackBerry => new PgbBlackBerryKeyOptions { DbPath = Path(db), CskPath = Path(csk), Password = passwords.Read(parse, cli.Environment, PasswordOptions.Single) },
                _ => throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.KeyUploadPlatform.F(group)),
            };
            foreach (var password in key switch
            {
                PgbAndroidKeyOptions android => new[] { android.KeyPassword, android.KeystorePassword },
                PgbIosKeyOptions ios => [ios.Password],
                PgbBlackBerryKeyOptions blackberry => [blackberry.Password],
                _ => [],
            })
            {
                console.Conceal(password);
            }

            key.Title = parse.GetValue(title);
            key.Default = parse.GetValue(isDefault) ? true : null;
            using var connection = session.Connect(parse, cli.Environment, console);
            var added = await connection.Pipeline.AddKeyAsync(key, cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, Strings.KeyAdded.F(group, added.Id, added.Locked == true ? Strings.Locked : Strings.Unlocked), () => ToolOutput.Json(added));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Unlock(PgbCommandLine cli, string name)
    {
        var command = ToolCommand.Create(name,
            "Unlock a signing key with its passwords, read from the environment variables the options name (or prompted for on a terminal). The service checks them only when it builds.",
            "pgb keys unlock android 3 --keystore-password-variable KS_PW --key-password-variable KEY_PW",
            "pgb keys unlock ios 5 --password-variable IOS_PW",
            "pgb keys unlock ios 5            # prompts on a terminal");
        var (platform, id) = PlatformAndId(command);
        var passwords = new PasswordOptions();
        passwords.AddTo(command);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var (group, keyId) = Read(parse, platform, id);
            var unlock = group == PgbPlatforms.Android
                ? new PgbKeyUnlockOptions
                {
                    KeyPassword = passwords.ReadOrPrompt(parse, cli.Environment, console, PasswordOptions.Key, Strings.PromptKeyPassword.F(group, keyId)),
                    KeystorePassword = passwords.ReadOrPrompt(parse, cli.Environment, console, PasswordOptions.Keystore, Strings.PromptKeystorePassword.F(group, keyId)),
                }
                : new PgbKeyUnlockOptions { Password = passwords.ReadOrPrompt(parse, cli.Environment, console, PasswordOptions.Single, Strings.PromptKeyPassword.F(group, keyId)) };
            foreach (var password in new[] { unlock.Password, unlock.KeyPassword, unlock.KeystorePassword })
            {
                console.Conceal(password);
            }

            if (unlock.Password is null && (unlock.KeyPassword is null || unlock.KeystorePassword is null))
            {
                throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.UnlockNeedsPasswords.F(group));
            }

            using var connection = session.Connect(parse, cli.Environment, console);
            var key = await connection.Pipeline.UnlockKeyAsync(group, keyId, unlock, cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, Strings.KeyUnlocked.F(group, keyId), () => ToolOutput.Json(key));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Lock(PgbCommandLine cli, string name)
    {
        var command = ToolCommand.Create(name, "Lock a signing key: the service forgets its passwords until it is unlocked again.", "pgb keys lock ios 5");
        var (platform, id) = PlatformAndId(command);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var (group, keyId) = Read(parse, platform, id);
            using var connection = session.Connect(parse, cli.Environment, console);
            var key = await connection.Pipeline.LockKeyAsync(group, keyId, cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, Strings.KeyLocked.F(group, keyId), () => ToolOutput.Json(key));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Update(PgbCommandLine cli, string name)
    {
        var command = ToolCommand.Create(name, "Rename a signing key, or make it the platform's default (the official CLI's 'update-key').",
            "pgb keys update android 3 --title \"Release 2024\"", "pgb keys update ios 5 --default");
        var (platform, id) = PlatformAndId(command);
        var title = new Option<string>("--title") { Description = "The new title.", HelpName = "TITLE" };
        var isDefault = new Option<bool>("--default") { Description = "Make it the account's default key for the platform." };
        command.Options.Add(title);
        command.Options.Add(isDefault);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var (group, keyId) = Read(parse, platform, id);
            var update = new PgbKeyUpdateOptions { Title = parse.GetValue(title), Default = parse.GetValue(isDefault) ? true : null };
            using var connection = session.Connect(parse, cli.Environment, console);
            var key = await connection.Pipeline.UpdateKeyAsync(group, keyId, update, cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, Strings.KeyUpdated.F(group, keyId), () => ToolOutput.Json(key));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Remove(PgbCommandLine cli, string name)
    {
        var command = ToolCommand.Create(name, "Delete a signing key from the service.", "pgb keys rm android 3");
        var (platform, id) = PlatformAndId(command);
        var session = ToolSession.AddTo(command);
        command.SetRun(cli, async (parse, console, cancellationToken) =>
        {
            var (group, keyId) = Read(parse, platform, id);
            using var connection = session.Connect(parse, cli.Environment, console);
            var text = await connection.Pipeline.DeleteKeyAsync(group, keyId, cancellationToken).ConfigureAwait(false);
            ToolOutput.Print(console, text ?? Strings.KeyDeleted.F(group, keyId), () => new JsonObject { ["success"] = text });
            return ExitCodes.Success;
        });
        return command;
    }

    private static (Argument<string> Platform, Argument<string> Id) PlatformAndId(Command command)
    {
        var platform = ToolCommand.PlatformArgument();
        var id = new Argument<string>("ID") { Description = "The key's id on the service." };
        command.Arguments.Add(platform);
        command.Arguments.Add(id);
        return (platform, id);
    }

    private static (string Platform, int Id) Read(ParseResult parse, Argument<string> platform, Argument<string> id) =>
        (ToolCommand.ParsePlatform(parse.GetValue(platform)), PgbServerSettings.ParseKeyId("ID", parse.GetValue(id)!));

    private static Spectre.Console.Table KeyTable(IEnumerable<(string Platform, PgbKeyReference Key)> keys)
    {
        var table = ToolOutput.Table("PLATFORM", "ID", "TITLE", "DEFAULT", "LOCKED", "DETAILS");
        foreach (var (platform, key) in keys)
        {
            var details = string.Join(", ", new[] { key.Alias is null ? null : "alias " + key.Alias, key.CertName, key.Provision, key.Role }.Where(d => d is not null));
            ToolOutput.Row(table, platform, key.Id.ToString(CultureInfo.InvariantCulture), key.Title, key.Default == true ? "yes" : string.Empty,
                key.Locked switch { true => "locked", false => "unlocked", null => "-" }, details);
        }

        return table;
    }

    /// <summary>The password-variable options, named after the API's fields (<c>password</c>, <c>key_pw</c>, <c>keystore_pw</c>).</summary>
    private sealed class PasswordOptions
    {
        public const int Single = 0;
        public const int Key = 1;
        public const int Keystore = 2;

        private readonly Option<string>[] _options =
        [
            new("--password-variable") { Description = "ios, blackberry: the environment variable holding the key's password.", HelpName = "NAME" },
            new("--key-password-variable") { Description = "android: the environment variable holding the key's password (key_pw).", HelpName = "NAME" },
            new("--keystore-password-variable") { Description = "android: the environment variable holding the keystore's password (keystore_pw).", HelpName = "NAME" },
        ];

        public void AddTo(Command command)
        {
            foreach (var option in _options)
            {
                command.Options.Add(option);
            }
        }

        /// <summary>The password the variable named by the option holds; null when the option is not given; PGB1016 when the variable is unset.</summary>
        public string? Read(ParseResult parse, ToolEnvironment environment, int which)
        {
            var option = _options[which];
            var name = parse.GetValue(option);
            return PgbServerSettings.PasswordFromVariable(option.Name, name, string.IsNullOrWhiteSpace(name) ? null : environment.GetVariable(name.Trim()));
        }

        /// <summary><see cref="Read"/>, else a masked prompt when standard input is a terminal.</summary>
        public string? ReadOrPrompt(ParseResult parse, ToolEnvironment environment, ToolConsole console, int which, string prompt) =>
            Read(parse, environment, which) ?? AccountCommands.ReadPassword(environment, console, fromStdin: false, prompt);
    }
}
