using System.Diagnostics;
using System.Text;

namespace Pgb.Shared;

/// <summary>The outcome of a child process: exit code and everything it printed, in order.</summary>
/// <param name="Output">Standard output and error interleaved, as a person would see them.</param>
/// <param name="StandardOutput">Standard output alone (machine output such as --json).</param>
internal sealed record ProcessResult(int ExitCode, string Output, string StandardOutput, bool TimedOut);

/// <summary>
/// Runs a command (dotnet build, dotnet pack, pgb) as a separate process the way a user would, with a
/// hard timeout that kills the whole process tree, so no caller can hang. Shared by the demo and the
/// end-to-end tests (linked as source).
/// </summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IDictionary<string, string?>? environment, TimeSpan timeout, Action<string>? onLine = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        // Build servers and reused nodes outlive the build and would keep our pipes open: turn them off.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        if (environment is not null)
        {
            foreach (var pair in environment)
            {
                if (pair.Value is null) start.Environment.Remove(pair.Key);
                else start.Environment[pair.Key] = pair.Value;
            }
        }

        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        void Append(string? line, bool isStandardOutput)
        {
            if (line is null) return;
            lock (output)
            {
                output.AppendLine(line);
                if (isStandardOutput) standardOutput.AppendLine(line);
            }

            onLine?.Invoke(line);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data, isStandardOutput: true);
        process.ErrorDataReceived += (_, e) => Append(e.Data, isStandardOutput: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            if (!timedOut) throw;
        }

        lock (output)
            return new ProcessResult(timedOut ? -1 : process.ExitCode, output.ToString(), standardOutput.ToString(), timedOut);
    }

    /// <summary>The repository root: the nearest folder up from <paramref name="start"/> holding the solution.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pgb.Build.Tasks.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Could not find Pgb.Build.Tasks.sln above " + start);
    }
}
