using System.Diagnostics;

namespace Pgb.Tool;

/// <summary>
/// Writes the pipeline's progress to stderr, one plain line per event (<c>pgb: [stage] message</c>), synchronously
/// so lines keep their order and all arrive before the result. Byte counts of a running download are
/// thinned to one line a second per platform, and dropped once that platform's package is saved (they may
/// arrive late when passed through a <see cref="Progress{T}"/>); colour only when stderr is a terminal.
/// This is the output whenever stderr is redirected (scripts and CI logs parse it): <see cref="For"/> picks
/// <see cref="LiveReporter"/> only on a terminal that allows it.
/// </summary>
internal sealed class ConsoleReporter(ToolConsole console) : IProgress<PgbProgress>
{
    private static readonly TimeSpan TransferInterval = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, long> _lastTransferLine = new(StringComparer.Ordinal);
    private readonly HashSet<string> _saved = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Report(PgbProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (IsTransferTick(value))
            {
                return;
            }

            console.Error.WriteLine(Line(console, value, value.Message));
            console.Error.Flush();
        }
    }

    /// <summary>The reporter for this run: the live display on a terminal that allows it (never with --json), plain lines otherwise.</summary>
    public static IReporter For(ToolConsole console, ToolEnvironment environment, CancellationToken cancellationToken) =>
        !console.Json && environment.AllowsLiveStatus
            ? new LiveReporter(console, new ToolTerminal(console.Error, environment.StderrWidth, isTerminal: true), TimeProvider.System, LiveReporter.RefreshInterval, cancellationToken)
            : new PlainReporter(new ConsoleReporter(console));

    /// <summary><c>pgb: [stage] message</c>, redacted, the stage coloured on a terminal.</summary>
    internal static string Line(ToolConsole console, PgbProgress value, string message)
    {
        var stage = value.Stage.ToString().ToLowerInvariant();
        message = console.Redact(message);
        return console.Interactive ? $"pgb: \u001b[36m[{stage}]\u001b[0m {message}" : $"pgb: [{stage}] {message}";
    }

    /// <summary>Plain lines need no ending: each is complete when written.</summary>
    private sealed class PlainReporter(ConsoleReporter lines) : IReporter
    {
        public void Report(PgbProgress value) => lines.Report(value);

        public void Dispose()
        {
        }
    }

    /// <summary>True for an intermediate byte count that follows the last printed one within a second, or that follows the platform's saved line.</summary>
    private bool IsTransferTick(PgbProgress value)
    {
        switch (value.Kind)
        {
            case PgbProgressKind.TransferDone:
                _saved.Add(value.Platform!);
                return false;
            case PgbProgressKind.TransferProgress:
                if (_saved.Contains(value.Platform!))
                {
                    return true;
                }

                var now = Stopwatch.GetTimestamp();
                if (_lastTransferLine.TryGetValue(value.Platform!, out var last) && Stopwatch.GetElapsedTime(last, now) < TransferInterval)
                {
                    return true;
                }

                _lastTransferLine[value.Platform!] = now;
                return false;
            default:
                return false;
        }
    }
}
