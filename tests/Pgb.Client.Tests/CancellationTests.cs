namespace Pgb.Client.Tests;

[TestClass]
public sealed class CancellationTests
{
    /// <summary>
    /// The caller cancels just as a retriable failure comes back: the call ends canceled, never with the failure it
    /// can no longer retry (a build canceled with Ctrl+C must say so, not report a 503 as the cause).
    /// </summary>
    [TestMethod]
    [DataRow(503, DisplayName = "a 503")]
    [DataRow(500, DisplayName = "a 500")]
    public async Task GetApp_WhenCanceledAsARetriableFailureArrives_EndsCanceled(int status)
    {
        using var cancel = new CancellationTokenSource();
        // The cancellation comes with the body's last read: after the answer arrived whole, before the client decided
        // whether to try again.
        var handler = new FakeHandler(_ => new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StreamContent(new CancelAtEndStream("""{"error":"busy"}"""u8.ToArray(), cancel)),
        });
        using var client = TestClients.Create(handler, maxRetries: 3);

        await Assert.ThrowsAsync<OperationCanceledException>(() => client.GetAppAsync(5, cancel.Token));

        Assert.HasCount(1, handler.Requests, "no retry after the cancellation");
    }

    /// <summary>A body that cancels <paramref name="cancel"/> when it is read to its end.</summary>
    private sealed class CancelAtEndStream(byte[] content, CancellationTokenSource cancel) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count) => AtEnd(base.Read(buffer, offset, count));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(AtEnd(base.Read(buffer, offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(AtEnd(base.Read(buffer.Span)));

        private int AtEnd(int read)
        {
            if (read == 0)
            {
                cancel.Cancel();
            }

            return read;
        }
    }
}
