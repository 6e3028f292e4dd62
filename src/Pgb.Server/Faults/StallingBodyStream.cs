using Pgb.Server.Streams;

namespace Pgb.Server.Faults;

/// <summary>A response body that lets the first <c>afterBytes</c> bytes through, flushes them, sends nothing for
/// <c>stall</c>, then lets the rest through: the answer the client sees stops mid-body and resumes, as on a congested
/// link. The handler never learns of it. A client that gives up during the stall ends the wait (the request is
/// aborted).</summary>
internal sealed class StallingBodyStream(Stream inner, long afterBytes, TimeSpan stall, TimeProvider time, CancellationToken aborted) : WriteOnlyStream
{
    private long _written;
    private bool _stalled;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_stalled)
        {
            var before = (int)Math.Min(buffer.Length, afterBytes - _written);
            if (before > 0)
            {
                await inner.WriteAsync(buffer[..before], cancellationToken);
                _written += before;
                buffer = buffer[before..];
            }

            if (buffer.Length == 0)
            {
                return;
            }

            await StallAsync(cancellationToken);
        }

        await inner.WriteAsync(buffer, cancellationToken);
        _written += buffer.Length;
    }

    /// <summary>A body no longer than <c>afterBytes</c> stalls before the end of the answer.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (!_stalled)
        {
            await StallAsync(cancellationToken);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    private async Task StallAsync(CancellationToken cancellationToken)
    {
        _stalled = true;
        await inner.FlushAsync(cancellationToken);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, aborted);
        await Task.Delay(stall, time, either.Token);
    }
}
