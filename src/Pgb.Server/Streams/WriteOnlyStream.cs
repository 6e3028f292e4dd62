namespace Pgb.Server.Streams;

/// <summary>A response body in the place of the real one (the injected faults'): a subclass writes and flushes
/// asynchronously, as Kestrel calls it; the synchronous calls, which a handler may still make, run the same code.</summary>
internal abstract class WriteOnlyStream : ForwardOnlyStream
{
    public override bool CanRead => false;

    public override bool CanWrite => true;

    public abstract override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default);

    public abstract override Task FlushAsync(CancellationToken cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush() => FlushAsync().GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
