using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Pgb.Testing;

/// <summary>
/// A command run under a pseudo-terminal (util-linux <c>script</c>) that a test types into, as a person at a keyboard:
/// the command's standard input, output and error are the terminal, so it prompts as it would in a shell. The test
/// reads what the terminal shows as it comes (a prompt ends with no newline), and types only once what it answers is
/// on the screen. The process tree is killed on dispose, so no test leaves one behind.
/// </summary>
public sealed partial class TerminalSession : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _screen = new();
    private readonly Task _reading;

    private TerminalSession(Process process)
    {
        _process = process;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Everything the terminal showed so far, escape sequences removed.</summary>
    public string Seen
    {
        get
        {
            lock (_screen)
            {
                return StripEscapes(_screen.ToString());
            }
        }
    }

    /// <summary>Starts <paramref name="command"/> on a 50x250 terminal named xterm-256color. An
    /// <paramref name="environment"/> value of null removes that variable.</summary>
    public static TerminalSession Start(IReadOnlyList<string> command, string workingDirectory, IDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("script")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--quiet", "--return", "--command", "stty rows 50 cols 250 && exec " + string.Join(' ', command.Select(QuoteForShell)), "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TERM"] = "xterm-256color";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
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

        return new TerminalSession(Process.Start(start) ?? throw new InvalidOperationException("script did not start"));
    }

    /// <summary>Completes once the terminal shows <paramref name="text"/>; fails after <paramref name="timeout"/> with what it showed.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Seen.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || _reading.IsCompleted)
            {
                Assert.Fail($"the terminal never showed '{text}' (within {timeout}); it showed:\n{Seen}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Types <paramref name="keys"/> at once, as a paste would (Enter is <c>\r</c>, as a terminal sends it).</summary>
    public async Task TypeAsync(string keys)
    {
        await _process.StandardInput.WriteAsync(keys);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The command's exit code; fails when it has not ended within <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            await _reading.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the command did not end within {timeout}; the terminal showed:\n{Seen}");
        }

        return _process.ExitCode;
    }

    /// <summary>Removes control sequences (cursor moves, colours), operating system commands (hyperlinks, progress) and other escapes.</summary>
    public static string StripEscapes(string text) => Escape().Replace(text, string.Empty);

    /// <summary>One word for <c>sh</c>, whatever it holds.</summary>
    public static string QuoteForShell(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended meanwhile.
        }

        _process.WaitForExit();
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_screen)
            {
                _screen.Append(buffer, 0, read);
            }
        }
    }

    [GeneratedRegex(@"\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)|\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-Z\\-_=>]")]
    private static partial Regex Escape();
}
