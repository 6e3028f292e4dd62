namespace Pgb.Integration.Tests;

/// <summary>What the client-against-server tests share: a temp folder per test, clients of the development account
/// (the one every server starts with), and waits that poll a build of 100 ms often without ever hanging a run.</summary>
public abstract class IntegrationTest : TempDirectoryTest
{
    protected static readonly PgbWaitOptions FastWait = new() { PollInterval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A client of <paramref name="server"/> signed in with the development account's token.</summary>
    protected static PgbClient ClientOf(PgbServer server, PgbClientOptions? options = null) =>
        new(server.BaseUri, PgbCredential.FromToken(PgbAccount.Development.Token), options);
}
