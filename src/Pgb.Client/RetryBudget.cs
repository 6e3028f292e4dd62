using System.Diagnostics;

namespace Pgb.Client;

/// <summary>
/// What one call (a JSON request, an upload, a download with its resumes) may still spend on retries. Two bounds,
/// so a transfer that keeps moving is never failed by them:
/// <list type="bullet">
/// <item>at most <see cref="RetryPolicy.MaxRetries"/> failures in a row that got the transfer no further than the best
/// attempt before them (progress, the payload's high-water mark, grants them all again);</item>
/// <item>at most <see cref="Window"/> without a byte moving: <see cref="Token"/> is canceled then, which ends an attempt
/// that is still waiting, and no retry starts whose delay would outlast it. A download that starts over on a storage
/// without validators moves bytes it had before: that keeps the window open, though it is no progress.</item>
/// </list>
/// <see cref="Reached"/> reports where the payload got to: bytes of an upload sent in one attempt, or the offset a
/// download got to. An answer without a payload (a JSON call) never reports, so its bounds are plain.
/// </summary>
internal sealed class RetryBudget : IDisposable
{
    private readonly RetryPolicy _policy;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _window;
    private readonly Stopwatch _sinceActivity = Stopwatch.StartNew();
    private readonly object _gate = new();
    private long _highWater;
    private int _failuresInARow;

    public RetryBudget(RetryPolicy policy, TimeSpan window, CancellationToken cancellationToken)
    {
        _policy = policy;
        _caller = cancellationToken;
        Window = window;
        _window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _window.CancelAfter(Timeouts.ForTimer(window));
    }

    /// <summary>How long the call may go without a byte moving, retries included.</summary>
    public TimeSpan Window { get; }

    /// <summary>Canceled by the caller, or once <see cref="Window"/> passed without a byte moving.</summary>
    public CancellationToken Token => _window.Token;

    /// <summary>The window is over (and the caller did not cancel).</summary>
    public bool Expired => _window.IsCancellationRequested && !_caller.IsCancellationRequested;

    /// <summary>Failures in a row without progress; what <see cref="RetryPolicy.DelayFor"/> grows its delay by.</summary>
    public int FailuresInARow
    {
        get
        {
            lock (_gate)
            {
                return _failuresInARow;
            }
        }
    }

    /// <summary>
    /// Bytes moved and the transfer got to <paramref name="position"/>: the window starts again; past the best attempt
    /// so far, that is progress, which grants the retries again.
    /// </summary>
    public void Reached(long position)
    {
        lock (_gate)
        {
            if (_window.IsCancellationRequested)
            {
                return;
            }

            _sinceActivity.Restart();
            _window.CancelAfter(Timeouts.ForTimer(Window));
            if (position > _highWater)
            {
                _highWater = position;
                _failuresInARow = 0;
            }
        }
    }

    /// <summary>
    /// Takes one retry after a failure, to start after <paramref name="delay"/>: false when the failures in a row are
    /// used up, or the window would be over before the retry began.
    /// </summary>
    public bool TryRetry(TimeSpan delay)
    {
        lock (_gate)
        {
            if (_failuresInARow >= _policy.MaxRetries || _window.IsCancellationRequested || (Window != Timeout.InfiniteTimeSpan && _sinceActivity.Elapsed + delay >= Window))
            {
                return false;
            }

            _failuresInARow++;
            return true;
        }
    }

    public void Dispose() => _window.Dispose();
}
