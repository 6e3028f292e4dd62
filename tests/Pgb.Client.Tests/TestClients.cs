namespace Pgb.Client.Tests;

internal static class TestClients
{
    public static readonly Uri Server = new("https://build.example/");

    /// <summary>Holds characters that must be escaped in a query, so escaping is checked too.</summary>
    public const string Token = "s3cr3t+T0k/en=";

    public static PgbClient Create(FakeHandler handler, PgbCredential? credential = null, int maxRetries = 0, Uri? server = null)
    {
        var options = new PgbClientOptions { Handler = handler };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.Zero;
        return new PgbClient(server ?? Server, credential ?? PgbCredential.FromToken(Token), options);
    }

    /// <summary>A client with the given request timeout, over any handler (one that stalls, reads slowly...).</summary>
    public static PgbClient Create(HttpMessageHandler handler, TimeSpan requestTimeout, int maxRetries = 0)
    {
        var options = new PgbClientOptions { Handler = handler, RequestTimeout = requestTimeout };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.Zero;
        return new PgbClient(Server, PgbCredential.FromToken(Token), options);
    }
}
