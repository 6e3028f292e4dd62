namespace Pgb.Client;

/// <summary>
/// The time limits of one attempt of a request, as one token: the wait for the first byte and for each next byte in
/// either direction (<see cref="Touch"/> restarts it), an optional limit on the whole attempt (an upload's), and the
/// call's <see cref="RetryBudget"/> (which the caller's token cancels too). After a cancellation,
/// <see cref="Reason"/> says which limit it was.
/// </summary>
internal sealed class AttemptTimer : IDisposable
{
    private readonly CancellationTokenSource _idle = new();
    private readonly CancellationTokenSource? _total;
    private readonly CancellationTokenSource _linked;
    private readonly RetryBudget _budget;

    public AttemptTimer(TimeSpan idleTimeout, TimeSpan? totalTimeout, RetryBudget budget)
    {
        IdleTimeout = idleTimeout;
        TotalTimeout = totalTimeout;
        _budget = budget;
        _idle.CancelAfter(Timeouts.ForTimer(idleTimeout));
        if (totalTimeout is { } total)
        {
            _total = new CancellationTokenSource(Timeouts.ForTimer(total));
            _linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, _idle.Token, _total.Token);
        }
        else
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, _idle.Token);
        }
    }

    public TimeSpan IdleTimeout { get; }

    public TimeSpan? TotalTimeout { get; }

    public CancellationToken Token => _linked.Token;

    /// <summary>Bytes moved: the wait for the next one starts again.</summary>
    public void Touch()
    {
        try
        {
            if (!_idle.IsCancellationRequested)
            {
                _idle.CancelAfter(Timeouts.ForTimer(IdleTimeout));
            }
        }
        catch (ObjectDisposedException)
        {
            // A write the handler finishes after the attempt ended: nothing left to time.
        }
    }

    /// <summary>Which limit ended the attempt; null while none has (or when the caller canceled).</summary>
    public TimeLimit? Reason =>
        _budget.Expired ? TimeLimit.Budget
        : _total?.IsCancellationRequested == true ? TimeLimit.Total
        : _idle.IsCancellationRequested ? TimeLimit.Idle
        : null;

    public void Dispose()
    {
        _linked.Dispose();
        _total?.Dispose();
        _idle.Dispose();
    }
}

/// <summary>The limit that ended an attempt (<see cref="AttemptTimer.Reason"/>).</summary>
internal enum TimeLimit
{
    /// <summary>No byte for the request timeout.</summary>
    Idle,

    /// <summary>The attempt's whole time (an upload's).</summary>
    Total,

    /// <summary>The call's time without a byte moving, retries included.</summary>
    Budget,
}
