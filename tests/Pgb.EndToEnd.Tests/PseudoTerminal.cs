namespace Pgb.EndToEnd.Tests;

/// <summary>What a terminal displayed while a command ran: its exit code and the text, one line per redraw.</summary>
/// <param name="Seen">Everything written to the terminal, in order, escape sequences removed. A line that a live
/// display overwrote (the Terminal Logger's "HelloCordova net10.0 PgbWaitForBuild (3.2s)") is still here.</param>
internal sealed record TerminalRun(int ExitCode, string Seen);

/// <summary>
/// Runs a command under a pseudo-terminal, as in an interactive shell, with util-linux <c>script</c>: the command's
/// output is a terminal of a fixed size (a pseudo-terminal of size 0x0 makes MSBuild fall back to its console
/// logger), TERM names a colour terminal, and no variable turns the Terminal Logger off: the .NET SDK does on CI, and
/// the <c>dotnet test</c> that runs this passes its child processes _MSBUILDTLENABLED=0 and
/// MSBUILDENSURESTDOUTFORTASKPROCESSES=1, which a person's shell does not have.
/// </summary>
internal static class PseudoTerminal
{
    private static readonly string[] LoggerChoiceVariables = ["CI", "GITHUB_ACTIONS", "TF_BUILD", "MSBUILDTERMINALLOGGER", "_MSBUILDTLENABLED", "MSBUILDENSURESTDOUTFORTASKPROCESSES"];

    public static async Task<TerminalRun> RunAsync(IReadOnlyList<string> command, string workingDirectory, IDictionary<string, string?> environment, TimeSpan timeout)
    {
        var terminalEnvironment = new Dictionary<string, string?>(environment) { ["TERM"] = "xterm-256color" };
        foreach (var variable in LoggerChoiceVariables)
        {
            terminalEnvironment[variable] = null;
        }

        var shellCommand = "stty rows 50 cols 250 && exec " + string.Join(' ', command.Select(TerminalSession.QuoteForShell));
        var result = await ProcessRunner.RunAsync("script", ["--quiet", "--return", "--command", shellCommand, "/dev/null"], workingDirectory, terminalEnvironment, timeout);
        Assert.IsFalse(result.TimedOut, $"{string.Join(' ', command)} did not finish within {timeout}:\n{TerminalSession.StripEscapes(result.Output)}");
        return new TerminalRun(result.ExitCode, TerminalSession.StripEscapes(result.Output));
    }
}
