using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace Pgb.Build.Tasks;

/// <summary>
/// The shape every Pgb task shares (after dotnet/arcade's HelixTask): a sealed <see cref="Execute"/>
/// that runs an async core with a token <see cref="Cancel"/> trips, and turns every failure into one
/// coded error logged against the user's project file, never a stack trace.
/// </summary>
public abstract class PgbTask : MSBuildTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>
    /// The user's project, so errors point at it (CI annotates that file). Without it MSBuild would
    /// blame our .targets file, where the task is invoked.
    /// </summary>
    public string? ProjectFile { get; set; }

    public void Cancel() => _cancel.Cancel();

    /// <summary>
    /// True for tasks that mostly wait on the network (upload, the build wait, downloads): they yield their
    /// build node for the duration, like MSBuild's Exec and ZipDirectory, so a solution build keeps its other
    /// projects compiling instead of idling for the half hour a PhoneGap build may take.
    /// </summary>
    protected virtual bool YieldsNodeWhileRunning => false;

    public sealed override bool Execute()
    {
        var yielded = YieldsNodeWhileRunning ? BuildEngine as IBuildEngine3 : null;
        yielded?.Yield();
        try
        {
            ExecuteCoreAsync(_cancel.Token).GetAwaiter().GetResult();
        }
        catch (Exception) when (_cancel.IsCancellationRequested)
        {
            // Once the build was canceled, whatever the interrupted step threw (a 503 it can no longer retry, a
            // cut connection) is a consequence of that: the one error is the cancellation.
            LogError(PgbErrorCodes.Canceled, Strings.Canceled);
        }
        catch (PgbException ex)
        {
            LogError(ex.Code, ex.Message);
        }
        catch (Exception ex)
        {
            // Unexpected: say what happened in one line; the stack trace helps nobody in a CI log.
            LogError(PgbErrorCodes.Unexpected, string.Format(CultureInfo.InvariantCulture, Strings.Unexpected, GetType().Name, ex.GetType().Name, Pgb.Client.PgbRedaction.Redact(ex.Message)));
        }
        finally
        {
            // Outputs are set by MSBuild after Execute returns, once the node is ours again.
            yielded?.Reacquire();
        }

        return !Log.HasLoggedErrors;
    }

    protected abstract Task ExecuteCoreAsync(CancellationToken cancellationToken);

    /// <summary>Logs one coded error against the user's project file.</summary>
    protected void LogError(string code, string message)
    {
        var file = string.IsNullOrEmpty(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode : ProjectFile;
        Log.LogError(subcategory: null, errorCode: code, helpKeyword: null, file: file,
            lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);
    }

    /// <summary>Progress as build messages (see <see cref="BuildLogProgress"/>).</summary>
    protected IProgress<PgbProgress> Progress(MessageImportance importance = MessageImportance.High) => new BuildLogProgress(Log, importance);
}
