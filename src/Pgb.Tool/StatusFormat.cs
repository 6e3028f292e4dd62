using System.Text;

namespace Pgb.Tool;

/// <summary>The pieces of a live status row: durations, sizes, bars. ASCII only, so any console encoding shows them.</summary>
internal static class StatusFormat
{
    public const int BarWidth = 20;

    private const string Spinner = @"|/-\";

    /// <summary>The spinner glyph at animation frame <paramref name="frame"/>.</summary>
    public static char SpinnerAt(long frame) => Spinner[(int)(frame % Spinner.Length)];

    /// <summary><c>m:ss</c>, or <c>h:mm:ss</c> from an hour on.</summary>
    public static string Elapsed(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }

        return elapsed.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours}:{elapsed.Minutes:00}:{elapsed.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{elapsed.Minutes}:{elapsed.Seconds:00}");
    }

    /// <summary>Bytes in binary units with one decimal: <c>445 B</c>, <c>1.2 MiB</c>.</summary>
    public static string Size(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        if (bytes < 1024)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
        }

        var value = (double)bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    /// <summary><c>[#####---------------]</c>: the done share of the bar.</summary>
    public static string Bar(long done, long total)
    {
        var filled = total <= 0 ? BarWidth : (int)Math.Clamp(done * BarWidth / total, 0, BarWidth);
        return "[" + new string('#', filled) + new string('-', BarWidth - filled) + "]";
    }

    /// <summary>
    /// <c>[    ===             ]</c>: a block sweeping back and forth, for a transfer whose length is not known
    /// (a storage that streams without a Content-Length), so it shows movement without claiming a share.
    /// </summary>
    public static string Sweep(long frame)
    {
        const int block = 3;
        var span = BarWidth - block;
        var step = (int)(frame % (2 * span));
        var at = step <= span ? step : 2 * span - step;
        return "[" + new string(' ', at) + new string('=', block) + new string(' ', span - at) + "]";
    }

    /// <summary>
    /// Text from the server (statuses, messages) as one printable line: a newline would break the count of rows to
    /// redraw, and an escape sequence from a hostile server must not drive the terminal.
    /// </summary>
    public static string Printable(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>At most <paramref name="width"/> characters, with <c>~</c> marking a cut (a wrapped row would break the redraw).</summary>
    public static string Fit(string text, int width) =>
        text.Length <= width ? text : width <= 1 ? text[..Math.Max(width, 0)] : text[..(width - 1)] + "~";
}
