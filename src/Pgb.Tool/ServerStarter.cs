using System.Net.Sockets;
using Pgb.Pipeline;
using Pgb.Server;

namespace Pgb.Tool;

/// <summary>Starts a <see cref="PgbServer"/>, turning a failure to listen into PGB4010.</summary>
internal static class ServerStarter
{
    public static async Task<PgbServer> StartAsync(PgbServerOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await PgbServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsListenFailure(ex))
        {
            throw new PgbPipelineException(ToolErrorCodes.ServerStartFailed,
                $"The local server could not listen on 127.0.0.1:{options.Port}: {ex.Message} Pick another --port (0 picks a free one).", ex);
        }
    }

    /// <summary>The URL to print: scheme, host and port, no trailing slash.</summary>
    public static string DisplayUrl(PgbServer server) => server.BaseUri.GetLeftPart(UriPartial.Authority);

    private static bool IsListenFailure(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is IOException or SocketException or UnauthorizedAccessException) return true;
        }

        return false;
    }
}
