using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Pgb.Server.Hosting;

/// <summary>The endpoints Kestrel listens on, set when it configures them (as the server starts); once it has started,
/// their ports are the ones bound (port 0 resolved).</summary>
internal sealed class ListenEndpoints
{
    public ListenOptions? Api { get; set; }

    public ListenOptions? Storage { get; set; }

    public int ApiPort => Api?.IPEndPoint?.Port ?? throw new InvalidOperationException("the server has not started");

    public int? StoragePort => Storage?.IPEndPoint?.Port;
}
