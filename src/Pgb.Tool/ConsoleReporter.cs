using System.Diagnostics;
using Pgb.Pipeline;

namespace Pgb.Tool;

/// <summary>
/// Writes the pipeline's progress to stderr, one plain line per event (<c>pgb: [stage] message</c>), synchronously
/// so lines keep their order and all arrive before the result. Byte counts of a running download are
/// thinned to one line a second per platform, and dropped once that platform's package is saved (they may
/// arrive late: the pipeline reports them through a <see cref="Progress{T}"/>); colour only when stderr is a terminal.
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
            if (IsTransferTick(value)) return;
            var stage = value.Stage.ToString().ToLowerInvariant();
            var message = console.Redact(value.Message);
            console.Error.WriteLine(console.Interactive
                ? $"pgb: \u001b[36m[{stage}]\u001b[0m {message}"
                : $"pgb: [{stage}] {message}");
            console.Error.Flush();
        }
    }

    /// <summary>True for an intermediate byte count that follows the last printed one within a second, or the platform's saved line.</summary>
    private bool IsTransferTick(PgbProgress value)
    {
        if (value.Stage != PgbStage.Download || value.Bytes is null || value.Platform is null) return false;
        if (!value.Message.StartsWith("Downloading", StringComparison.Ordinal))
        {
            _saved.Add(value.Platform);
            return false;
        }

        if (_saved.Contains(value.Platform)) return true;
        var now = Stopwatch.GetTimestamp();
        if (_lastTransferLine.TryGetValue(value.Platform, out var last) && Stopwatch.GetElapsedTime(last, now) < TransferInterval)
            return true;
        _lastTransferLine[value.Platform] = now;
        return false;
    }
}
