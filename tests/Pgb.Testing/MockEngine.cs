using System.Collections;
using Microsoft.Build.Framework;

namespace Pgb.Testing;

/// <summary>A fake IBuildEngine that records what tasks log (after dotnet/sourcelink's MockEngine).</summary>
public sealed class MockEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = [];
    public List<BuildWarningEventArgs> Warnings { get; } = [];
    public List<BuildMessageEventArgs> Messages { get; } = [];

    public bool ContinueOnError => false;
    public int LineNumberOfTaskNode => 0;
    public int ColumnNumberOfTaskNode => 0;

    /// <summary>Where the task is invoked: our .targets file, which errors must NOT point at.</summary>
    public string ProjectFileOfTaskNode => "/packages/pgb.build.tasks/build/Pgb.Build.Tasks.targets";

    public void LogErrorEvent(BuildErrorEventArgs e)
    {
        lock (Errors)
        {
            Errors.Add(e);
        }
    }

    public void LogWarningEvent(BuildWarningEventArgs e)
    {
        lock (Warnings)
        {
            Warnings.Add(e);
        }
    }

    public void LogMessageEvent(BuildMessageEventArgs e)
    {
        lock (Messages)
        {
            Messages.Add(e);
        }
    }

    public void LogCustomEvent(CustomBuildEventArgs e) { }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();

    public string AllText() =>
        string.Join("\n", Errors.Select(e => e.Code + ": " + e.Message).Concat(Warnings.Select(w => w.Message)).Concat(Messages.Select(m => m.Message)));
}
