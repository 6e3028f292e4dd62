using Pgb.Server.Streams;

namespace Pgb.Server.Faults;

/// <summary>A response body that swallows everything: with <c>Content-Length: 0</c>, the answer of an injected empty
/// body.</summary>
internal sealed class DiscardingStream : WriteOnlyStream
{
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
