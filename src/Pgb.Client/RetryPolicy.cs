using System.Net;
using System.Net.Http.Headers;

namespace Pgb.Client;

/// <summary>
/// Decides whether and when to try a request again. Whether a failure is transient is
/// <see cref="TransientFailures"/>' call; requests that are safe to repeat are retried on any transient failure,
/// the others (the POSTs that create an app or a key) only when the service did not process them (429, 503, or no
/// connection at all), so nothing is ever created twice.
/// </summary>
internal sealed class RetryPolicy(PgbRetryOptions options)
{
    private static readonly Random Jitter = new();

    public int MaxRetries => options.MaxRetries;

    /// <summary>Whether a request of this method may be sent twice with no harm, unless its caller says otherwise.</summary>
    public static bool CanRepeat(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Head;

    /// <summary>Whether a request that answered <paramref name="status"/> (null: no answer) is worth sending again.</summary>
    public bool ShouldRetry(HttpMethod method, HttpStatusCode? status) => ShouldRetry(CanRepeat(method), status is { } code ? (int)code : 0);

    /// <summary>Whether a request that failed with <paramref name="failure"/> is worth sending again.</summary>
    public bool ShouldRetry(HttpMethod method, PgbRequestFailedException failure) => ShouldRetry(CanRepeat(method), failure);

    /// <param name="repeatable">Whether sending the request twice is harmless (see <see cref="CanRepeat"/>).</param>
    public bool ShouldRetry(bool repeatable, int status) => Decide(repeatable, TransientFailures.Classify(status));

    public bool ShouldRetry(bool repeatable, PgbRequestFailedException failure) => Decide(repeatable, TransientFailures.Classify(failure.Kind, failure.Status));

    private static bool Decide(bool repeatable, Transience transience) => transience switch
    {
        Transience.NotProcessed => true,
        Transience.Transient => repeatable,
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
