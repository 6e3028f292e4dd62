using System.Net;
using System.Net.Http.Headers;

namespace Pgb.Client;

/// <summary>
/// Decides whether and when to try a request again. Whether a failure is transient is
/// <see cref="TransientFailures"/>' call; only requests that are safe to repeat are retried on any transient
/// failure, and a POST (create, build) only when the service said it did not process it (429/503), so an app is
/// never created twice.
/// </summary>
internal sealed class RetryPolicy(PgbRetryOptions options)
{
    private static readonly Random Jitter = new();

    public int MaxRetries => options.MaxRetries;

    public static bool CanRepeat(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Head;

    /// <summary>Whether a request that answered <paramref name="status"/> (null: no answer) is worth sending again.</summary>
    public bool ShouldRetry(HttpMethod method, HttpStatusCode? status) => Decide(method, status is { } code ? (int)code : 0);

    /// <summary>Whether a request that failed with <paramref name="failure"/> is worth sending again.</summary>
    public bool ShouldRetry(HttpMethod method, PgbRequestFailedException failure) => Decide(method, failure.Status);

    private static bool Decide(HttpMethod method, int status) => TransientFailures.Classify(status) switch
    {
        Transience.NotProcessed => true,
        Transience.Transient => CanRepeat(method),
        _ => false,
    };

    public TimeSpan DelayFor(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        var serverSays = FromRetryAfter(retryAfter);
        if (serverSays is { } wait)
        {
            return wait > options.MaxDelay ? options.MaxDelay : wait;
        }

        var exponential = options.Delay.TotalMilliseconds * Math.Pow(2, attempt);
        double factor;
        lock (Jitter)
        {
            factor = 0.8 + (Jitter.NextDouble() * 0.4);
        }

        var ms = Math.Min(exponential * factor, options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms);
    }

    private static TimeSpan? FromRetryAfter(RetryConditionHeaderValue? retryAfter)
    {
        if (retryAfter is null)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
