using Pgb.Server;

namespace Pgb.Tool;

/// <summary>
/// The in-process server <c>pgb build</c> starts when neither <c>--server</c> nor PGB_SERVER_URL names one:
/// 127.0.0.1, a free port, the development account, two-second builds. It lives for one run.
/// </summary>
internal static class EmbeddedServer
{
    public static readonly TimeSpan BuildDuration = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the server may take to stop. It serves this run only, so its connections are ours and already
    /// closed or abandoned; waiting on them (the host's default is 30 s) would only delay the exit, a Ctrl+C's included.
    /// </summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    public static Task<PgbServer> StartAsync(CancellationToken cancellationToken) =>
        ServerStarter.StartAsync(new PgbServerOptions { Port = 0, BuildDuration = BuildDuration }, cancellationToken);

    /// <summary>
    /// Stops and disposes the server within <see cref="StopTimeout"/>. Never throws: the build's outcome (and, with
    /// --json, its one document on stdout) is already decided, so a failure to stop is only a note.
    /// </summary>
    public static async Task StopAsync(PgbServer server, ToolConsole console)
    {
        try
        {
            using var timeout = new CancellationTokenSource(StopTimeout);
            await server.StopAsync(timeout.Token).ConfigureAwait(false);
            await server.DisposeAsync().AsTask().WaitAsync(StopTimeout).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Whatever it is: it happened after the outcome, which must stay the one reported.
            console.Note(Strings.EmbeddedServerStopFailed.F(ex.Message));
        }
    }
}
