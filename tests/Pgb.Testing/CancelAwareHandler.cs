namespace Pgb.Testing;

/// <summary>
/// A handler that answers asynchronously and honours the request's token, as the real one does: a test can
/// hold a request open until the task is canceled, or cancel the task from inside an answer.
/// </summary>
public sealed class CancelAwareHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return answer(request, cancellationToken);
    }
}
