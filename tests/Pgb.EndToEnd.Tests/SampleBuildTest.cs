using System.Runtime.CompilerServices;
using Pgb.Server;

namespace Pgb.EndToEnd.Tests;

/// <summary>
/// Where each <c>dotnet build</c> test starts: a Pgb.Server of its own on 127.0.0.1, port 0 (stopped after the test),
/// and a fresh copy of samples/HelloCordova named for the test, built with the token of the development account.
/// </summary>
public abstract class SampleBuildTest
{
    private PgbServer? _server;

    /// <summary>The token of the account every server starts with.</summary>
    protected static string DevToken => PgbAccount.Development.Token;

    /// <summary>The server <see cref="StartAsync(PgbServerOptions, string)"/> started.</summary>
    protected PgbServer Server => _server ?? throw new InvalidOperationException("the test has not started its server");

    /// <summary>Starts <see cref="Server"/> with builds that take <paramref name="buildDuration"/>; returns the copy of the sample.</summary>
    private protected Task<SampleProject> StartAsync(TimeSpan buildDuration, [CallerMemberName] string test = "") =>
        StartAsync(new PgbServerOptions { BuildDuration = buildDuration }, test);

    /// <summary>Starts <see cref="Server"/> with <paramref name="options"/>; returns a copy of the sample named <paramref name="test"/>.</summary>
    private protected async Task<SampleProject> StartAsync(PgbServerOptions options, [CallerMemberName] string test = "")
    {
        _server = await PgbServer.StartAsync(options);
        return SampleProject.Create(test);
    }

    [TestCleanup]
    public async Task StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
