namespace Pgb.Pipeline;

/// <summary>
/// Reports on the calling thread. <see cref="Progress{T}"/> posts to the thread pool when there is no
/// synchronization context (MSBuild, console), so its reports can arrive after the step that made them
/// has already logged that it finished.
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
