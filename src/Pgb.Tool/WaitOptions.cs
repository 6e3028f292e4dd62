namespace Pgb.Tool;

/// <summary><c>--timeout</c> and <c>--poll</c> of the commands that wait for builds already queued (<c>pgb status --wait</c>, <c>wait</c>, <c>rebuild</c>).</summary>
internal sealed class WaitOptions
{
    private readonly Option<string> _timeout = new("--timeout") { Description = "How long to wait in all.", HelpName = "SECONDS", DefaultValueFactory = _ => PgbWaitOptions.DefaultTimeoutSeconds.ToString(CultureInfo.InvariantCulture) };
    private readonly Option<string> _poll = new("--poll") { Description = "The first interval between two polls.", HelpName = "SECONDS", DefaultValueFactory = _ => PgbWaitOptions.DefaultPollIntervalSeconds.ToString(CultureInfo.InvariantCulture) };

    public void AddTo(Command command)
    {
        command.Options.Add(_timeout);
        command.Options.Add(_poll);
    }

    /// <summary>The wait the options ask for; PGB1008 for a value that is not a positive number of seconds.</summary>
    public PgbWaitOptions Read(ParseResult parse) => new()
    {
        Timeout = PgbServerSettings.ParseSeconds("--timeout", parse.GetValue(_timeout)!),
        PollInterval = PgbServerSettings.ParseSeconds("--poll", parse.GetValue(_poll)!),
    };
}
