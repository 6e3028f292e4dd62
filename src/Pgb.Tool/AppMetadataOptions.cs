namespace Pgb.Tool;

/// <summary>The metadata options of <c>pgb app new</c> and <c>app update</c>, named after the Write API's fields.</summary>
internal sealed class AppMetadataOptions
{
    private readonly Option<string> _title = new("--title") { Description = "The app's title (config.xml's <name> wins on the server).", HelpName = "TITLE" };
    private readonly Option<string> _package = new("--package") { Description = "The package id, e.g. com.example.app.", HelpName = "ID" };
    private readonly Option<string> _version = new("--app-version") { Description = "The app's version, e.g. 1.2.0 (the API's 'version').", HelpName = "VERSION" };
    private readonly Option<string> _description = new("--description") { Description = "The app's description.", HelpName = "TEXT" };
    private readonly Option<string> _phonegap = new("--phonegap-version") { Description = "The PhoneGap version to build with ('pgb phonegaps' lists them).", HelpName = "VERSION" };
    private readonly Option<string> _debug = new("--debug") { Description = "Build in debug mode: true or false.", HelpName = "BOOL" };
    private readonly Option<string> _private = new("--private") { Description = "Restrict who may download the app: true or false.", HelpName = "BOOL" };
    private readonly Option<string[]> _keys = new("--key") { Description = "Sign PLATFORM with key ID (repeatable), e.g. --key android=12.", HelpName = "PLATFORM=ID" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _title, _package, _version, _description, _phonegap, _debug, _private, _keys })
        {
            command.Options.Add(option);
        }
    }

    public PgbAppCreateOptions ForCreate(ParseResult parse) => Read(parse, new PgbAppCreateOptions());

    public PgbAppUpdateOptions ForUpdate(ParseResult parse) => Read(parse, new PgbAppUpdateOptions());

    private T Read<T>(ParseResult parse, T options)
        where T : PgbAppMetadata
    {
        options.Title = parse.GetValue(_title);
        options.Package = parse.GetValue(_package);
        options.Version = parse.GetValue(_version);
        options.Description = parse.GetValue(_description);
        options.PhonegapVersion = parse.GetValue(_phonegap);
        options.Debug = Switch(parse, _debug);
        options.Private = Switch(parse, _private);
        options.Keys = Keys(parse);
        return options;
    }

    private static bool? Switch(ParseResult parse, Option<string> option) =>
        parse.GetValue(option) is { } text ? PgbServerSettings.ParseSwitch(option.Name, text) : null;

    private IDictionary<string, object>? Keys(ParseResult parse)
    {
        var values = parse.GetValue(_keys);
        if (values is not { Length: > 0 })
        {
            return null;
        }

        var keys = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.KeyOptionInvalid.F(value));
            }

            keys[ToolCommand.ParsePlatform(value[..equals])] = PgbServerSettings.ParseKeyId("--key", value[(equals + 1)..]);
        }

        return keys;
    }
}
