using System.ComponentModel;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace Pgb.Server.Build;

/// <summary>What fetching a repository gave: its source as an archive (and what the server took from it) at a commit, or
/// why there is none, in words fit for a build's <c>error</c> (credentials in URLs masked).</summary>
internal sealed record CheckoutResult(byte[]? Source, SourceInfo? Info, string? Commit, string? Error)
{
    public static CheckoutResult Failed(string error) => new(null, null, null, error);
}

/// <summary>Fetches a repository the way the service did for <c>remote_repo</c> apps: a shallow clone (depth 1) of the
/// default branch or of the app's <c>tag</c>, with the <c>git</c> executable, into a temporary folder that is gone
/// afterwards. git runs without any way to ask for credentials (no terminal prompt, no askpass program, no credential
/// helper, ssh in batch mode), with only the allowed transports, symbolic links checked out as plain files, and a time
/// limit; while it runs, the folder is kept within the inspection budget (files and bytes), and git is stopped as soon as
/// it goes over. The checkout must hold a Cordova project (config.xml and a www folder at its root) or a www (an index.html
/// at its root); it becomes a zip of everything but <c>.git</c>, inspected like an upload.</summary>
internal static class GitCheckout
{
    private const int MaxMessageChars = 2000;
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(250);
    private static readonly DateTimeOffset FixedTimestamp = new(2010, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (git is stopped).</exception>
    public static async Task<CheckoutResult> RunAsync(string repo, string? tag, GitSettings git, InspectionLimits limits, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pgb-checkout-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(git.CloneTimeout);
        try
        {
            var clone = await RunAsync(git, CloneArguments(repo, tag, folder), folder, limits, timeout.Token);
            if (clone.ExitCode != 0)
            {
                return CheckoutResult.Failed($"git clone failed: {Message(clone.Errors, clone.ExitCode)}");
            }

            var head = await RunAsync(git, ["-C", folder, "rev-parse", "HEAD"], null, limits, timeout.Token);
            var commit = head.ExitCode == 0 ? head.Output.Trim() : null;
            if (Problem(folder) is { } problem)
            {
                return CheckoutResult.Failed(problem);
            }

            var source = Archive(folder, limits);
            return new CheckoutResult(source, SourceArchive.Inspect(source, limits), commit, null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return CheckoutResult.Failed(string.Create(CultureInfo.InvariantCulture,
                $"git clone {RepoUrls.Redact(repo)} did not finish within {git.CloneTimeout.TotalSeconds:0.#} s"));
        }
        catch (Win32Exception e)
        {
            return CheckoutResult.Failed($"git could not be run ({e.Message}): install git on the server's machine and put it on the PATH");
        }
        catch (BudgetExceededException e)
        {
            return CheckoutResult.Failed(e.Message);
        }
        catch (ApiException e)
        {
            return CheckoutResult.Failed(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CheckoutResult.Failed($"the checkout could not be read: {e.Message}");
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    private static IEnumerable<string> CloneArguments(string repo, string? tag, string folder)
    {
        // Empty values reset the lists git would otherwise read from the user's and the system's configuration.
        string[] configuration = ["-c", "credential.helper=", "-c", "core.askPass=", "-c", "core.symlinks=false", "-c", "advice.detachedHead=false"];
        string[] clone = ["clone", "--depth", "1", "--single-branch", "--no-tags", "--quiet"];
        string[] branch = tag is null ? [] : ["--branch", tag];
        return [.. configuration, .. clone, .. branch, "--", repo, folder];
    }

    /// <summary>Runs git to its end, or until it is cancelled (then stopped with its children); with
    /// <paramref name="watch"/>, stops it too once that folder goes over the budget.</summary>
    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        GitSettings git, IEnumerable<string> arguments, string? watch, InspectionLimits limits, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(git.Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var environment = start.Environment;
        environment["GIT_TERMINAL_PROMPT"] = "0";
        environment["GCM_INTERACTIVE"] = "never";
        environment.Remove("GIT_ASKPASS");
        environment.Remove("SSH_ASKPASS");
        environment["GIT_SSH_COMMAND"] = (environment.TryGetValue("GIT_SSH_COMMAND", out var ssh) && !string.IsNullOrWhiteSpace(ssh) ? ssh : "ssh") + " -o BatchMode=yes";
        environment["GIT_ALLOW_PROTOCOL"] = string.Join(':', git.Protocols);

        using var process = new Process { StartInfo = start };
        process.Start();
        process.StandardInput.Close();
        var output = Tail(process.StandardOutput);
        var errors = Tail(process.StandardError);
        var exited = process.WaitForExitAsync(CancellationToken.None);
        try
        {
            while (!exited.IsCompleted)
            {
                await Task.WhenAny(exited, Task.Delay(WatchInterval, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
                if (watch is not null && !exited.IsCompleted)
                {
                    CheckBudget(watch, limits);
                }
            }
        }
        catch
        {
            Stop(process);
            throw;
        }

        return (process.ExitCode, await output, await errors);
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Gone already.
        }
    }

    /// <summary>The last <see cref="MaxMessageChars"/> characters of a stream, read to its end.</summary>
    private static async Task<string> Tail(StreamReader reader)
    {
        var text = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > 2 * MaxMessageChars)
            {
                text.Remove(0, text.Length - MaxMessageChars);
            }
        }

        return text.Length > MaxMessageChars ? text.ToString(text.Length - MaxMessageChars, MaxMessageChars) : text.ToString();
    }

    /// <summary>git's own words, credentials masked: its fatal and error lines when it wrote any, else all it wrote.</summary>
    private static string Message(string errors, int exitCode)
    {
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var important = lines.Where(l => l.StartsWith("fatal:", StringComparison.Ordinal) || l.StartsWith("error:", StringComparison.Ordinal)).ToArray();
        var text = string.Join(' ', important.Length > 0 ? important : lines);
        return RepoUrls.Redact(text.Length > 0 ? text : string.Create(CultureInfo.InvariantCulture, $"git exited with code {exitCode}"));
    }

    /// <summary>Counts what git has written so far, and stops counting as soon as it is over the budget.</summary>
    private static void CheckBudget(string folder, InspectionLimits limits)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        var budget = new InspectionBudget(limits, "the repository's checkout");
        try
        {
            foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
            {
                budget.CountEntry();
                budget.CountInflated(file.Length);
            }
        }
        catch (IOException)
        {
            // git renamed or removed a file or folder while it was counted: the next round counts again.
        }
    }

    /// <summary>Why the checkout is no app, or null.</summary>
    private static string? Problem(string folder)
    {
        var cordova = File.Exists(Path.Combine(folder, WwwLayout.ConfigFileName)) && Directory.Exists(Path.Combine(folder, "www"));
        return cordova || File.Exists(Path.Combine(folder, "index.html"))
            ? null
            : "the repository holds neither a Cordova project (config.xml and a www folder at its root) nor a www (an index.html at its root)";
    }

    /// <summary>Every file of the checkout but <c>.git</c>, as a zip with sorted entries and a fixed time, within the
    /// budget. Links are not followed (git checked them out as plain files anyway).</summary>
    private static byte[] Archive(string folder, InspectionLimits limits)
    {
        var budget = new InspectionBudget(limits, "the repository's checkout");
        var files = new List<(string Name, FileInfo File)>();
        Collect(new DirectoryInfo(folder), string.Empty, files, budget);
        files.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            foreach (var (name, file) in files)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = FixedTimestamp;
                using var target = entry.Open();
                using var content = file.OpenRead();
                content.CopyTo(target);
            }
        }

        return output.ToArray();
    }

    private static void Collect(DirectoryInfo folder, string prefix, List<(string, FileInfo)> files, InspectionBudget budget)
    {
        foreach (var child in folder.EnumerateFileSystemInfos())
        {
            if ((prefix.Length == 0 && child.Name == ".git") || (child.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                continue;
            }

            budget.CountEntry();
            if (child is DirectoryInfo subfolder)
            {
                Collect(subfolder, prefix + child.Name + "/", files, budget);
            }
            else if (child is FileInfo file)
            {
                budget.CountInflated(file.Length);
                files.Add((prefix + child.Name, file));
            }
        }
    }

    /// <summary>Best effort, whatever git left (read-only pack files included).</summary>
    private static void DeleteFolder(string folder)
    {
        try
        {
            if (!Directory.Exists(folder))
            {
                return;
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The system's temporary folder is cleaned by the system.
        }
    }
}
