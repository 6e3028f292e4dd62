using System.Net;
using System.Text;

namespace Pgb.Build.Tasks.Tests;

/// <summary>A fake HttpMessageHandler answering from a function, recording every request.</summary>
internal sealed class FakeHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public List<string> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (Requests) Requests.Add(request.Method + " " + request.RequestUri!.PathAndQuery);
        return Task.FromResult(answer(request));
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
