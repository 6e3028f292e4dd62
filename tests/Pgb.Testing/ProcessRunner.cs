namespace Pgb.Testing;

/// <summary>The outcome of a child process: exit code and everything it printed, in order.</summary>
/// <param name="Output">Standard output and error interleaved, as a person would see them.</param>
/// <param name="StandardOutput">Standard output alone (machine output such as --json).</param>
public sealed record ProcessResult(int ExitCode, string Output, string StandardOutput, bool TimedOut);

/// <summary>Runs a command to its end as a <see cref="ChildProcess"/>, with a hard timeout that kills the whole
/// process tree, so no test can hang on it.</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IDictionary<string, string?>? environment, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var process = ChildProcess.Start(fileName, arguments, workingDirectory, environment);
        var exitCode = await process.WaitForExitAsync(timeout, cancellationToken);
        if (exitCode is null)
        {
            process.Kill();
        }

        return new ProcessResult(exitCode ?? -1, process.Output, process.StandardOutput, TimedOut: exitCode is null);
    }
}
