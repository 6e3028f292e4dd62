namespace Pgb.Server.Streams;

/// <summary>A stream that goes one way, with no length and no position, as the bodies the server wraps (a response on its
/// way to the socket, an archive entry being inflated): what a subclass adds is the one direction it goes in.</summary>
internal abstract class ForwardOnlyStream : Stream
{
    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
