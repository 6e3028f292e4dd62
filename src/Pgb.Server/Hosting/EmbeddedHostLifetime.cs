namespace Pgb.Server.Hosting;

/// <summary>The server is a library embedded in tests and in <c>pgb serve</c>: the host must not hook Ctrl+C/SIGTERM
/// or print "Application started" - the embedding program owns the process and its console.</summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
