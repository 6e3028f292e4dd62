namespace Pgb.Tool;

/// <summary>Where <c>pgb app new</c> and <c>app update</c> take the app's contents from: the SOURCE argument or one of
/// <c>--www</c> (with <c>--config</c>), <c>--file</c>, and <c>--repo</c> (new) or <c>--pull</c> (update).</summary>
internal sealed class AppSourceOptions
{
    private readonly Option<string> _www = new("--www") { Description = "A www folder to package and upload.", HelpName = "DIR" };
    private readonly Option<string> _config = new("--config") { Description = "A config.xml to put at the archive root (with --www).", HelpName = "FILE" };
    private readonly Option<string> _file = new("--file") { Description = "A zip, tar.gz or index.html to upload as it is.", HelpName = "FILE" };
    private readonly Argument<string?> _source;
    private readonly Option<string>? _repo;
    private readonly Option<bool>? _pull;

    private AppSourceOptions(string sourceDescription, Option<string>? repo, Option<bool>? pull)
    {
        _source = new Argument<string?>("SOURCE") { Description = sourceDescription, Arity = ArgumentArity.ZeroOrOne };
        _repo = repo;
        _pull = pull;
    }

    public static AppSourceOptions ForNew() => new(
        "A repository URL, a www folder or a file (instead of --www, --file or --repo).",
        new Option<string>("--repo") { Description = "A public repository: the app is repo-backed.", HelpName = "URL" },
        pull: null);

    public static AppSourceOptions ForUpdate() => new(
        "A www folder or a file (instead of --www or --file).",
        repo: null,
        new Option<bool>("--pull") { Description = "A repo-backed app pulls its repository again." });

    public void AddTo(Command command)
    {
        command.Arguments.Add(_source);
        foreach (var option in new Option?[] { _www, _config, _file, _repo, _pull })
        {
            if (option is not null)
            {
                command.Options.Add(option);
            }
        }
    }

    /// <summary>The contents named by the options or the SOURCE argument; more than one is PGB1000. With
    /// <paramref name="pullAlways"/> (<c>pgb pull</c>), a pull, whatever <c>--pull</c> says.</summary>
    public PgbAppSource Read(ParseResult parse, ToolEnvironment environment, bool pullAlways = false)
    {
        var given = new List<PgbAppSource>();
        if (parse.GetValue(_source) is { } text)
        {
            given.Add(PgbAppSource.FromArgument(text));
        }

        if (parse.GetValue(_www) is { } dir)
        {
            given.Add(new PgbAppSource { WwwDirectory = Path.GetFullPath(dir) });
        }

        if (parse.GetValue(_file) is { } path)
        {
            given.Add(new PgbAppSource { File = Path.GetFullPath(path) });
        }

        if (_repo is not null && parse.GetValue(_repo) is { } url)
        {
            given.Add(new PgbAppSource { Repo = url });
        }

        if (_pull is not null && !pullAlways && parse.GetValue(_pull))
        {
            given.Add(new PgbAppSource { Pull = true });
        }

        if (given.Count > 1)
        {
            throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.OneSourceOnly);
        }

        var source = given.SingleOrDefault() ?? new PgbAppSource();
        if (source.WwwDirectory is not null && !Directory.Exists(source.WwwDirectory))
        {
            throw new PgbPipelineException(PgbErrorCodes.WwwDirectoryNotFound, Strings.WwwNotFound.F(source.WwwDirectory));
        }

        if (parse.GetValue(_config) is { } configXml)
        {
            source.ConfigXml = Path.GetFullPath(configXml);
        }

        source.Pull |= pullAlways;
        source.TemporaryFolder = environment.TemporaryFolder;
        return source;
    }
}
