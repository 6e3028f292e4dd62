namespace Pgb.Tool.Tests;

/// <summary>One in-process run of <c>pgb</c>: its exit code and everything it wrote.</summary>
internal sealed record ToolRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>No test may hang: a run that takes longer is canceled (and then fails its assertions with 130).</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task<ToolRun> RunAsync(params string[] args)
    {
        using var limit = new CancellationTokenSource(Limit);
        var stdout = new LineWriter();
        var stderr = new LineWriter();
        var exitCode = await Program.RunAsync(args, stdout, stderr, limit.Token);
        return new ToolRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    internal static async Task<ToolRun> RunAsync(ToolEnvironment environment, params string[] args)
    {
        using var limit = new CancellationTokenSource(Limit);
        var stdout = new LineWriter();
        var stderr = new LineWriter();
        var exitCode = await Program.RunAsync(args, stdout, stderr, environment, limit.Token);
        return new ToolRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    public string All => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
