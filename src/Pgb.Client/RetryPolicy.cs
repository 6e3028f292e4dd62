using System.Net;
using System.Net.Http.Headers;

namespace Pgb.Client;

/// <summary>
/// Decides whether and when to try a request again. Only requests that are safe to repeat are retried
/// on any transient failure; a POST (create, build) is retried only when the service said it did not
/// process it (429/503), so an app is never created twice.
/// </summary>
internal sealed class RetryPolicy(PgbRetryOptions options)
{
    private static readonly Random Jitter = new();

    public int MaxRetries => options.MaxRetries;

    public static bool CanRepeat(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Head;

    public bool ShouldRetry(HttpMethod method, HttpStatusCode? status)
    {
        if (status is null) return CanRepeat(method);
        var code = (int)status.Value;
        if (code == 429 || code == 503) return true;
        return CanRepeat(method) && (code == 408 || code == 500 || code == 502 || code == 504);
    }

    public TimeSpan DelayFor(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        var serverSays = FromRetryAfter(retryAfter);
        if (serverSays is { } wait) return wait > options.MaxDelay ? options.MaxDelay : wait;

        var exponential = options.Delay.TotalMilliseconds * Math.Pow(2, attempt);
        double factor;
        lock (Jitter) factor = 0.8 + (Jitter.NextDouble() * 0.4);
        var ms = Math.Min(exponential * factor, options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms);
    }

    private static TimeSpan? FromRetryAfter(RetryConditionHeaderValue? retryAfter)
    {
        if (retryAfter is null) return null;
        if (retryAfter.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (retryAfter.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
