using Pgb.Server;

namespace Pgb.Tool;

/// <summary>
/// The in-process server <c>pgb build</c> starts when neither <c>--server</c> nor PGB_SERVER_URL names one:
/// 127.0.0.1, a free port, the development account, two-second builds. It lives for one run.
/// </summary>
internal static class EmbeddedServer
{
    public static readonly TimeSpan BuildDuration = TimeSpan.FromSeconds(2);

    public static Task<PgbServer> StartAsync(CancellationToken cancellationToken) =>
        ServerStarter.StartAsync(new PgbServerOptions { Port = 0, BuildDuration = BuildDuration }, cancellationToken);
}
