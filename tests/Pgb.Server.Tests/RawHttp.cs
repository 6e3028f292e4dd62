using System.Net.Sockets;

namespace Pgb.Server.Tests;

/// <summary>HTTP/1.1 over a bare socket, for what HttpClient will not do: send a body slower or larger than it should,
/// trickle headers, or keep writing after the answer came.</summary>
internal sealed class RawHttp : IAsyncDisposable
{
    private readonly TcpClient _client;

    private RawHttp(TcpClient client)
    {
        _client = client;
        Stream = client.GetStream();
    }

    public NetworkStream Stream { get; }

    public static async Task<RawHttp> ConnectAsync(Uri server)
    {
        var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        return new RawHttp(client);
    }

    public Task SendAsync(string text) => Stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    /// <summary>Everything the server sends until it closes the connection (or resets it), or until
    /// <paramref name="limit"/> has passed; "" when nothing came.</summary>
    public async Task<string> ReadToCloseAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await Stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the answer: what was received counts.
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Still open: what was received counts.
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }

    /// <summary>Reads until the end of an answer's headers; null when the connection ends first.</summary>
    public async Task<string?> ReadHeadersAsync(CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[1];
        try
        {
            while (await Stream.ReadAsync(buffer, cancellationToken) > 0)
            {
                received.Append((char)buffer[0]);
                if (received.Length >= 4 && received.ToString(received.Length - 4, 4) == "\r\n\r\n")
                {
                    return received.ToString();
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
