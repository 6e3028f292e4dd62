using System.Collections.Concurrent;

namespace Pgb.Server.Build;

/// <summary>Runs repository fetches in the background, so that a create, a pull or a build answers at once with its builds
/// <c>pending</c>: at most <see cref="GitSettings.MaxConcurrentCheckouts"/> at a time, one per app (a newer one cancels
/// the app's older one, and so does deleting the app). Each ends by handing its result to the callback it was started
/// with, which decides under the app's lock whether it is still wanted. Stopping cancels them all and waits for them, so
/// nothing writes after the server has stopped.</summary>
internal sealed class RepositoryCheckouts(GitSettings git, InspectionLimits limits, Action<string>? log)
{
    private readonly SemaphoreSlim _slots = new(git.MaxConcurrentCheckouts);
    private readonly ConcurrentDictionary<int, Running> _running = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Starts fetching <paramref name="repo"/> for app <paramref name="appId"/>, cancelling a fetch of that app
    /// still under way.</summary>
    public void Start(int appId, string repo, string? tag, Action<CheckoutResult> complete)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        var running = new Running(CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
        _running.AddOrUpdate(appId, running, (_, older) =>
        {
            older.Cancel();
            return running;
        });
        running.Task = Task.Run(() => RunAsync(appId, running, repo, tag, complete));
    }

    /// <summary>The app was deleted: its fetch, if any, stops.</summary>
    public void Cancel(int appId)
    {
        if (_running.TryRemove(appId, out var running))
        {
            running.Cancel();
        }
    }

    /// <summary>Cancels every fetch and waits for them to end (git stopped, folders removed), at most
    /// <paramref name="timeout"/>.</summary>
    public void Stop(TimeSpan timeout)
    {
        _stopping.Cancel();
        var tasks = _running.Values.Select(r => r.Task).OfType<Task>().ToArray();
        Task.WaitAll(tasks, timeout);
    }

    private async Task RunAsync(int appId, Running running, string repo, string? tag, Action<CheckoutResult> complete)
    {
        var token = running.Token;
        try
        {
            await _slots.WaitAsync(token);
            CheckoutResult result;
            try
            {
                result = await GitCheckout.RunAsync(repo, tag, git, limits, token);
            }
            finally
            {
                _slots.Release();
            }

            token.ThrowIfCancellationRequested();
            complete(result);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Replaced by a newer fetch, the app deleted, or the server stopping.
        }
        catch (Exception e) when (!_stopping.IsCancellationRequested)
        {
            // The builds stay pending; a later pull starts over (and a data directory resumes the fetch at the next start).
            log?.Invoke($"the fetch of app {appId}'s repository {RepoUrls.Redact(repo)} could not be recorded: {e}");
        }
        catch (Exception)
        {
            // Stopping: the data directory is closed, and the fetch resumes at the next start.
        }
        finally
        {
            _running.TryRemove(KeyValuePair.Create(appId, running));
            running.Dispose();
        }
    }

    private sealed class Running(CancellationTokenSource cancellation) : IDisposable
    {
        public CancellationToken Token { get; } = cancellation.Token;

        public Task? Task { get; set; }

        public void Cancel()
        {
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Over already.
            }
        }

        public void Dispose() => cancellation.Dispose();
    }
}
