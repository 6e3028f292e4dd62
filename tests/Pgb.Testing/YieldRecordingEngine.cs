using System.Collections;
using Microsoft.Build.Framework;

namespace Pgb.Testing;

/// <summary>An IBuildEngine3 that records Yield and Reacquire in one timeline with whatever else the test adds.</summary>
public sealed class YieldRecordingEngine : IBuildEngine3
{
    private readonly MockEngine _inner = new();

    public List<string> Timeline { get; } = [];

    public MockEngine Log => _inner;

    public void Record(string what)
    {
        lock (Timeline)
        {
            Timeline.Add(what);
        }
    }

    public void Yield() => Record("yield");
    public void Reacquire() => Record("reacquire");

    public bool IsRunningMultipleNodes => true;
    public bool ContinueOnError => _inner.ContinueOnError;
    public int LineNumberOfTaskNode => _inner.LineNumberOfTaskNode;
    public int ColumnNumberOfTaskNode => _inner.ColumnNumberOfTaskNode;
    public string ProjectFileOfTaskNode => _inner.ProjectFileOfTaskNode;

    public void LogErrorEvent(BuildErrorEventArgs e) => _inner.LogErrorEvent(e);
    public void LogWarningEvent(BuildWarningEventArgs e) => _inner.LogWarningEvent(e);
    public void LogMessageEvent(BuildMessageEventArgs e) => _inner.LogMessageEvent(e);
    public void LogCustomEvent(CustomBuildEventArgs e) => _inner.LogCustomEvent(e);

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) =>
        throw new NotSupportedException();

    public bool BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject, string[] toolsVersion, bool useResultsCache, bool unloadProjectsOnCompletion) =>
        throw new NotSupportedException();

    public BuildEngineResult BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IList<string>[] removeGlobalProperties, string[] toolsVersion, bool returnTargetOutputs) =>
        throw new NotSupportedException();
}
