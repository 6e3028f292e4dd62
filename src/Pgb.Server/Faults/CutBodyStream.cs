using Pgb.Server.Streams;

namespace Pgb.Server.Faults;

/// <summary>A response body that lets the first <c>limit</c> bytes through and swallows the rest. The handler never learns
/// of it (it writes the whole body against the Content-Length it set). Kestrel, finding fewer bytes than the
/// Content-Length it announced, closes the connection after sending what it has - so the client gets the headers and
/// exactly <c>limit</c> bytes, then end of stream: a download broken by the network. Not <c>HttpContext.Abort</c>: an
/// abort resets the socket at once and may discard the headers still queued, which would turn a cut body into no
/// answer at all, a different fault. A limit of 0 sends the headers alone.</summary>
internal sealed class CutBodyStream(Stream inner, long limit) : WriteOnlyStream
{
    private long _written;
    private bool _cut;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_cut)
        {
            return;
        }

        var allowed = (int)Math.Min(buffer.Length, limit - _written);
        if (allowed > 0)
        {
            await inner.WriteAsync(buffer[..allowed], cancellationToken);
            _written += allowed;
        }

        if (allowed < buffer.Length)
        {
            _cut = true;
            if (_written == 0)
            {
                // A cut before the first byte still sends the headers: the answer starts, then breaks off. Unflushed, the
                // headers would wait for a body that never comes, and the short body would turn into a 500.
                await inner.FlushAsync(cancellationToken);
            }
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _cut ? Task.CompletedTask : inner.FlushAsync(cancellationToken);
}
