using System.Text;

namespace Pgb.Tool;

/// <summary>
/// The live status display of <c>pgb build</c> on a terminal: events that are milestones scroll by as the usual
/// <c>pgb: [stage] message</c> lines, and below them a block of rows, one per platform (status, elapsed time, a
/// spinner while pending, then the download), is redrawn in place with ANSI cursor-up and clear-line.
/// Reports may come from any thread: all state and every write is under one lock, and each frame is written as
/// one string, so frames never interleave. Redraws are bounded to one per <see cref="RefreshInterval"/>: an
/// event within that interval only marks the frame dirty, and the timer draws it.
/// Disposing (success, failure, or the token's cancellation: Ctrl+C) draws the last frame frozen, leaves it as
/// the summary and shows the cursor again; events after that are printed as plain lines.
/// </summary>
internal sealed class LiveReporter : IReporter
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(100);

    private const string Escape = "\u001b[";
    private const string ClearLine = Escape + "2K";
    private const string ClearBelow = Escape + "J";

    private readonly ToolConsole _console;
    private readonly ToolTerminal _terminal;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refresh;
    private readonly StatusBoard _board;
    private readonly ConsoleReporter _afterStop;
    private readonly ITimer? _timer;
    private readonly CancellationTokenRegistration _onCancel;
    private readonly List<string> _queued = [];
    private readonly Lock _gate = new();
    private int _drawnRows;
    private long? _lastDraw;
    private bool _dirty;
    private bool _stopped;
    private bool _cursorHidden;

    /// <param name="refresh">The timer's period; <see cref="Timeout.InfiniteTimeSpan"/> for none (tests call <see cref="Tick"/>).</param>
    public LiveReporter(ToolConsole console, ToolTerminal terminal, TimeProvider time, TimeSpan refresh, CancellationToken cancellationToken = default)
    {
        _console = console;
        _terminal = terminal;
        _time = time;
        _refresh = refresh == Timeout.InfiniteTimeSpan ? RefreshInterval : refresh;
        _board = new StatusBoard(time);
        _afterStop = new ConsoleReporter(console);
        if (refresh != Timeout.InfiniteTimeSpan)
        {
            _timer = time.CreateTimer(_ => Tick(), null, refresh, refresh);
        }
        // Stop at once on Ctrl+C: the command may take a while to unwind (or never, past Program's grace), and
        // the error line printed then must not land inside a block that is still being redrawn.
        _onCancel = cancellationToken.Register(Dispose);
    }

    public void Report(PgbProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (_stopped)
            {
                // Late events (a byte count after its platform was saved, a step unwinding after Ctrl+C): plain
                // lines below the summary, and only those that would have had a line of their own anyway.
                if (_board.Apply(value, now))
                {
                    _afterStop.Report(value);
                }

                return;
            }

            if (_board.Apply(value, now))
            {
                _queued.Add(Line(value));
            }

            _dirty = true;
            if (_lastDraw is not { } last || _time.GetElapsedTime(last, now) >= _refresh)
            {
                Draw(now, final: false);
            }
        }
    }

    /// <summary>The timer's beat: redraws when something changed, or when time alone changes the rows.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            if (_stopped || !(_dirty || _board.IsAnimated))
            {
                return;
            }

            Draw(_time.GetTimestamp(), final: false);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            if (_dirty || _drawnRows > 0 || _board.Count > 0 || _cursorHidden)
            {
                Draw(_time.GetTimestamp(), final: true);
            }
        }

        // Outside the lock: neither waits for a running callback, but a Tick blocked on the lock must not hold them.
        _timer?.Dispose();
        _onCancel.Dispose();
    }

    private string Line(PgbProgress value) => ConsoleReporter.Line(_console, value, StatusFormat.Printable(value.Message));

    /// <summary>Moves up over the last block, writes the queued lines and the new block over it, and clears what is left below.</summary>
    private void Draw(long now, bool final)
    {
        var frame = new StringBuilder();
        var rows = _board.Render(now, final);
        if (!final && rows.Count > 0 && !_cursorHidden)
        {
            // The cursor blinking at the block's end, jumping with every redraw, is only noise.
            frame.Append(TerminalCursor.Hide);
            _cursorHidden = TerminalCursor.Hidden = true;
        }

        if (_drawnRows > 0)
        {
            frame.Append('\r').Append(Escape).Append(_drawnRows).Append('A');
        }

        foreach (var line in _queued)
        {
            frame.Append(ClearLine).Append(line).Append(Environment.NewLine);
        }

        _queued.Clear();

        // A row must never wrap: a wrapped row is two lines, and the next cursor-up would stop one short.
        var width = _terminal.Width - 1;
        foreach (var row in rows)
        {
            frame.Append(ClearLine).Append(Format(row, width)).Append(Environment.NewLine);
        }

        frame.Append(ClearBelow);
        if (final && _cursorHidden)
        {
            frame.Append(TerminalCursor.Show);
            _cursorHidden = TerminalCursor.Hidden = false;
        }

        _drawnRows = final ? 0 : rows.Count;
        _lastDraw = now;
        _dirty = false;
        _terminal.Writer.Write(frame.ToString());
        _terminal.Writer.Flush();
    }

    /// <summary>
    /// <c>  G text</c>: the text cut to the width after redaction (a platform or status text from the server may
    /// hold the token), and the glyph coloured when colour is allowed.
    /// </summary>
    private string Format(RenderedRow row, int width)
    {
        const int indent = 4;
        var text = StatusFormat.Fit(_console.Redact(row.Text), Math.Max(width - indent, 0));
        var colour = row.Kind switch { RowGlyph.Done => "32", RowGlyph.Error => "31", RowGlyph.Busy => "33", _ => null };
        var glyph = colour is null || !_console.Interactive ? row.Glyph.ToString() : $"{Escape}{colour}m{row.Glyph}{Escape}0m";
        return "  " + glyph + " " + text;
    }
}
