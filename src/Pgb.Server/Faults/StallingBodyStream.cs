namespace Pgb.Server.Faults;

/// <summary>A response body that lets the first <c>afterBytes</c> bytes through, flushes them, sends nothing for
/// <c>stall</c>, then lets the rest through: the answer the client sees stops mid-body and resumes, as on a congested
/// link. The handler never learns of it. A client that gives up during the stall ends the wait (the request is
/// aborted).</summary>
internal sealed class StallingBodyStream(Stream inner, long afterBytes, TimeSpan stall, TimeProvider time, CancellationToken aborted) : Stream
{
    private long _written;
    private bool _stalled;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

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

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => FlushAsync().GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async Task StallAsync(CancellationToken cancellationToken)
    {
        _stalled = true;
        await inner.FlushAsync(cancellationToken);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, aborted);
        await Task.Delay(stall, time, either.Token);
    }
}
