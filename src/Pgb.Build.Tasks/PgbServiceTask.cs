namespace Pgb.Build.Tasks;

/// <summary>A task that talks to the service: the URL and the NAME of the variable holding the token.</summary>
public abstract class PgbServiceTask : PgbTask
{
    /// <summary>The service root, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    [Required]
    public string ServerUrl { get; set; } = string.Empty;

    /// <summary>
    /// The environment variable that holds the token. The token itself is never a task parameter:
    /// parameters are logged in binlogs.
    /// </summary>
    public string TokenVariable { get; set; } = "PGB_AUTH_TOKEN";

    /// <summary>
    /// The longest wait for each byte of an answer, in seconds (<c>PgbRequestTimeoutSeconds</c>); empty for
    /// <see cref="PgbWaitOptions.DefaultRequestTimeoutSeconds"/>.
    /// </summary>
    public string? RequestTimeoutSeconds { get; set; }

    /// <summary>Makes the client and the pipeline; tests swap the handler.</summary>
    internal Func<PgbClientOptions> ClientOptionsFactory { get; set; } = () => new PgbClientOptions();

    protected PgbPipeline CreatePipeline(out PgbClient client)
    {
        var url = PgbServerSettings.ParseServerUrl(ServerUrl);
        var credential = PgbServerSettings.TokenFromEnvironment(TokenVariable);
        var options = ClientOptionsFactory();
        if (!string.IsNullOrWhiteSpace(RequestTimeoutSeconds))
        {
            options.RequestTimeout = WaitSettings.RequestTimeout(RequestTimeoutSeconds);
        }

        client = new PgbClient(url, credential, options);
        return new PgbPipeline(client, tokenVariable: TokenVariable);
    }

    protected static int ParseAppId(string text) => PgbServerSettings.ParseAppId(text);
}
