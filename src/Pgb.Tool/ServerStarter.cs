using System.Net.Sockets;
using Pgb.Server;

namespace Pgb.Tool;

/// <summary>Starts a <see cref="PgbServer"/> within a time limit, turning a failure to listen into PGB4010.</summary>
internal static class ServerStarter
{
    /// <summary>
    /// Binding a loopback port takes milliseconds; a start that takes this long is stuck (a hung host service),
    /// and <c>pgb serve</c> or <c>pgb build</c> must say so rather than wait without end.
    /// </summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public static Task<PgbServer> StartAsync(PgbServerOptions options, CancellationToken cancellationToken) =>
        StartAsync(token => PgbServer.StartAsync(options, token), options.Port, StartTimeout, cancellationToken);

    /// <summary>Runs <paramref name="start"/>, giving up after <paramref name="timeLimit"/> (PGB4010) or when the user cancels.</summary>
    internal static async Task<PgbServer> StartAsync(Func<CancellationToken, Task<PgbServer>> start, int port, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeLimit);
        var starting = start(limit.Token);
        try
        {
            // WaitAsync as well as the token: a start that does not watch its token must not hold us either.
            return await starting.WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Abandon(starting);
            throw new PgbToolException(ToolErrorCodes.ServerStartFailed, Strings.ServerStartTimedOut.F(timeLimit.TotalSeconds, port));
        }
        catch (OperationCanceledException)
        {
            Abandon(starting);
            throw;
        }
        catch (PgbDataDirectoryException ex)
        {
            // Before the listen check: its inner exception may be an IOException, which is not a port problem.
            throw new PgbToolException(CodeOf(ex.Problem), ex.Message, ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsListenFailure(ex))
        {
            throw new PgbToolException(ToolErrorCodes.ServerStartFailed, Strings.ServerListenFailed.F(port, ex.Message), ex);
        }
    }

    /// <summary>A start we stopped waiting for may still succeed later: its server must not stay behind, listening.</summary>
    private static void Abandon(Task<PgbServer> starting) =>
        _ = starting.ContinueWith(
            async t =>
            {
                if (t.Status == TaskStatus.RanToCompletion)
                {
                    await t.Result.DisposeAsync().ConfigureAwait(false);
                }
                else
                {
                    _ = t.Exception; // observed: nobody awaits this start any more
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();

    /// <summary>The URL to print: scheme, host and port, no trailing slash.</summary>
    public static string DisplayUrl(PgbServer server) => server.BaseUri.GetLeftPart(UriPartial.Authority);

    private static string CodeOf(PgbDataDirectoryProblem problem) => problem switch
    {
        PgbDataDirectoryProblem.Locked => ToolErrorCodes.DataDirectoryLocked,
        PgbDataDirectoryProblem.Corrupt => ToolErrorCodes.DataDirectoryCorrupt,
        PgbDataDirectoryProblem.NewerFormat => ToolErrorCodes.DataDirectoryNewerFormat,
        _ => ToolErrorCodes.DataDirectoryInaccessible,
    };

    private static bool IsListenFailure(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is IOException or SocketException or UnauthorizedAccessException)
            {
                return true;
            }
        }

        return false;
    }
}
