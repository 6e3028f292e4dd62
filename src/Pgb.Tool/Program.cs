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
            if (cancel.IsCancellationRequested) return;
            e.Cancel = true;
            cancel.Cancel();
        }

        Console.CancelKeyPress += OnCancelKeyPress;
        using var sigterm = TryHandleSigterm(cancel);
        try
        {
            return await RunAsync(args, Console.Out, Console.Error, ToolEnvironment.FromProcess(), cancel.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }
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
