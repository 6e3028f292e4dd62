namespace Pgb.Tool;

/// <summary>
/// The state behind the live status display, one row per platform (its build status and how long it took, then
/// its download), and its rendering to plain rows. Not thread-safe: <see cref="LiveReporter"/> holds its lock.
/// Times are <see cref="TimeProvider"/> timestamps, so tests render any instant they like.
/// </summary>
internal sealed class StatusBoard(TimeProvider time)
{
    /// <summary>One spinner step per refresh: the animation is derived from the clock, not from the redraw count.</summary>
    private static readonly TimeSpan FrameLength = TimeSpan.FromMilliseconds(100);

    private readonly List<Row> _rows = [];
    private readonly long _origin = time.GetTimestamp();
    private long? _buildQueued;

    public int Count => _rows.Count;

    /// <summary>Whether a row changes with time alone (a spinner, a clock, a sweep): the display then redraws on its timer.</summary>
    public bool IsAnimated => _rows.Any(r => r.IsBusy);

    /// <summary>
    /// Takes an event in. Returns true when it also deserves a line of its own above the rows (every event but
    /// status polls and running byte counts, which the rows show).
    /// </summary>
    public bool Apply(PgbProgress value, long now)
    {
        switch (value.Kind)
        {
            case PgbProgressKind.StatusChange:
                foreach (var (platform, status) in value.Statuses!)
                {
                    RowOf(platform, now).SetStatus(status, now);
                }

                return false;
            case PgbProgressKind.TransferProgress:
                var row = RowOf(value.Platform!, now);
                // A running count may arrive after the platform was saved (a caller may pass reports through a Progress<T>).
                if (!row.Saved)
                {
                    row.Bytes = value.Bytes;
                    row.TotalBytes = value.TotalBytes;
                }

                return false;
            case PgbProgressKind.TransferDone:
                var saved = RowOf(value.Platform!, now);
                saved.Saved = true;
                saved.Bytes = value.Bytes;
                return true;
            default:
                // The builds' clocks start when they are queued, not at the first poll.
                if (value.Stage == PgbStage.Build)
                {
                    _buildQueued = now;
                }

                return true;
        }
    }

    /// <summary>The rows at <paramref name="now"/>; <paramref name="final"/> freezes them (no spinner) for the summary left on screen.</summary>
    public IReadOnlyList<RenderedRow> Render(long now, bool final)
    {
        var frame = (long)(time.GetElapsedTime(_origin, now) / FrameLength);
        var width = _rows.Count == 0 ? 0 : _rows.Max(r => r.Platform.Length);
        var statusWidth = _rows.Count == 0 ? 0 : Math.Max(8, _rows.Max(r => r.Status.Length));
        return [.. _rows.Select(r => r.Render(frame, now, final, width, statusWidth, time))];
    }

    private Row RowOf(string platform, long now)
    {
        var row = _rows.Find(r => string.Equals(r.Platform, platform, StringComparison.OrdinalIgnoreCase));
        if (row is null)
        {
            _rows.Add(row = new Row(StatusFormat.Printable(platform), _buildQueued ?? now));
        }

        return row;
    }

    private sealed class Row(string platform, long started)
    {
        public string Platform { get; } = platform;

        public string Status { get; private set; } = PgbBuildStatus.Pending;

        /// <summary>When the status became complete or error; the clock stops there.</summary>
        private long? _finished;

        public long? Bytes { get; set; }

        /// <summary>The download's size when the storage announced it: a real bar instead of a sweep.</summary>
        public long? TotalBytes { get; set; }

        public bool Saved { get; set; }

        private bool IsFinal => Status is PgbBuildStatus.Complete or PgbBuildStatus.Error;

        private bool IsDownloading => Bytes is not null && !Saved;

        public bool IsBusy => !IsFinal || IsDownloading;

        public void SetStatus(string? status, long now)
        {
            Status = StatusFormat.Printable(status ?? "null");
            if (!IsFinal)
            {
                _finished = null;
            }
            else
            {
                _finished ??= now;
            }
        }

        public RenderedRow Render(long frame, long now, bool final, int width, int statusWidth, TimeProvider time)
        {
            var glyph = Status == PgbBuildStatus.Error ? RowGlyph.Error
                : IsBusy ? (final ? RowGlyph.Stopped : RowGlyph.Busy)
                : RowGlyph.Done;
            var elapsed = StatusFormat.Elapsed(time.GetElapsedTime(started, _finished ?? now));
            var text = $"{Platform.PadRight(width)}  {Status.PadRight(statusWidth)}  {elapsed,5}{Transfer(frame, final)}";
            return new RenderedRow(glyph, glyph == RowGlyph.Busy ? StatusFormat.SpinnerAt(frame) : (char)glyph, text);
        }

        private string Transfer(long frame, bool final)
        {
            if (Bytes is not { } bytes)
            {
                return string.Empty;
            }

            if (Saved)
            {
                return $"  {StatusFormat.Bar(bytes, bytes)} {StatusFormat.Size(bytes)} saved";
            }

            if (TotalBytes is { } total and > 0)
            {
                return $"  {StatusFormat.Bar(bytes, total)} {StatusFormat.Size(bytes)} / {StatusFormat.Size(total)}";
            }

            var sweep = final ? StatusFormat.Bar(0, 1) : StatusFormat.Sweep(frame);
            return $"  {sweep} {StatusFormat.Size(bytes)}";
        }
    }
}

/// <summary>What a row's first column says; the character is the glyph shown when it does not move.</summary>
internal enum RowGlyph
{
    Busy = '*',
    Done = '+',
    Error = 'x',
    Stopped = '-',
}

/// <summary>One row before colour and width are applied: its glyph (a spinner frame while busy) and its text.</summary>
internal sealed record RenderedRow(RowGlyph Kind, char Glyph, string Text);
