using System.Runtime.InteropServices;

namespace Pgb.Tool;

/// <summary>The <c>pgb</c> command: a thin adapter from arguments to the pipeline and the local server.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();

        // The first Ctrl+C cancels the running command (it exits 130, or 0 for serve); a second one kills the process.
        void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
        {
            if (cancel.IsCancellationRequested)
            {
                // This one ends the process past every finally: the live display cannot show the cursor again itself.
                TerminalCursor.RestoreOnExit();
                return;
            }

            e.Cancel = true;
            cancel.Cancel();
        }

        Console.CancelKeyPress += OnCancelKeyPress;
        using var sigterm = TryHandleSigterm(cancel);
        try
        {
            var environment = ToolEnvironment.FromProcess();
            var stdout = TextWriter.Synchronized(Console.Out);
            var stderr = TextWriter.Synchronized(Console.Error);
            var console = new ToolConsole(stdout, stderr, json: args.Contains("--json"), environment.ColorOnStderr);
            return await RunUntilStoppedAsync(token => RunAsync(args, stdout, stderr, environment, token), console, StopGrace, cancel.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }
    }

    /// <summary>
    /// How long a command may take to stop once asked (Ctrl+C, SIGTERM) before <c>pgb</c> exits without it. Every
    /// step watches the token and <c>pgb serve</c> gives its server 10 s, so this is the backstop for the one that
    /// does not: a stop must never hang (CI runners kill a job that ignores SIGTERM, and lose its output).
    /// </summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Runs a command; once <paramref name="stop"/> is canceled it has <paramref name="grace"/> to return, after which
    /// this returns 130 with PGB0001 on its own (the command keeps running on a pool thread until the process ends).
    /// </summary>
    internal static async Task<int> RunUntilStoppedAsync(Func<CancellationToken, Task<int>> run, ToolConsole console, TimeSpan grace, CancellationToken stop)
    {
        var running = run(stop);
        var stopRequested = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (stop.Register(() => stopRequested.TrySetResult(true)))
        {
            if (await Task.WhenAny(running, stopRequested.Task).ConfigureAwait(false) == running)
            {
                return await running.ConfigureAwait(false);
            }
        }

        if (await Task.WhenAny(running, Task.Delay(grace, CancellationToken.None)).ConfigureAwait(false) == running)
        {
            return await running.ConfigureAwait(false);
        }

        return console.Fail(new ToolFailure(Pipeline.PgbErrorCodes.Canceled,
            Strings.CanceledAfterGrace.F(grace.TotalSeconds)));
    }

    /// <summary>SIGTERM (docker stop, systemd, CI cancellation) stops the command like Ctrl+C does.</summary>
    private static PosixSignalRegistration? TryHandleSigterm(CancellationTokenSource cancel)
    {
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                cancel.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs one <c>pgb</c> command line in-process: results to <paramref name="stdout"/>, progress and errors to
    /// <paramref name="stderr"/>. Cancelling <paramref name="cancellationToken"/> is Ctrl+C. Returns the exit code
    /// (see <see cref="ExitCodes"/>); never throws for a failure of the command.
    /// </summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, stdout, stderr, new ToolEnvironment(Environment.GetEnvironmentVariable), cancellationToken);

    internal static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, ToolEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        // The server's log and the pipeline may write from other threads.
        stdout = TextWriter.Synchronized(stdout ?? throw new ArgumentNullException(nameof(stdout)));
        stderr = TextWriter.Synchronized(stderr ?? throw new ArgumentNullException(nameof(stderr)));
        try
        {
            return await new PgbCommandLine(environment).InvokeAsync(args, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return new ToolConsole(stdout, stderr, json: false).Fail(ToolFailure.From(ex, cancellationToken));
        }
    }
}
