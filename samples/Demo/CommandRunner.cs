using System.Diagnostics;

namespace Pgb.Demo;

/// <summary>
/// Runs a command (dotnet pack, dotnet build) as a separate process the way a user would, passing each line it prints
/// on as it comes. A time limit or Ctrl+C kills the whole process tree, so the demo never hangs. The demo keeps its
/// own small copy rather than sharing the tests' runner: a sample stays readable (and copyable) on its own.
/// </summary>
internal static class CommandRunner
{
    /// <summary>The exit code, or -1 when the command ran past <paramref name="timeout"/>.</summary>
    public static async Task<int> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IDictionary<string, string?>? environment, TimeSpan timeout, Action<string> onLine, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Build servers and reused nodes outlive the build and would keep our pipes open: turn them off.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = start };
        void Pass(string? line)
        {
            if (line is not null)
            {
                onLine(line);
            }
        }

        process.OutputDataReceived += (_, e) => Pass(e.Data);
        process.ErrorDataReceived += (_, e) => Pass(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended meanwhile.
            }

            await process.WaitForExitAsync(CancellationToken.None);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return -1;
        }
    }

    /// <summary>The repository root: the nearest folder up from <paramref name="start"/> holding the solution.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pgb.Build.Tasks.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Could not find Pgb.Build.Tasks.sln above " + start);
    }
}
