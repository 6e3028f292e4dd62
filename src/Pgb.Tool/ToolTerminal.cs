namespace Pgb.Tool;

/// <summary>
/// Where the live status display draws: a writer, its width in columns (read at every frame, so a resized
/// window is followed) and whether it is a terminal at all. Tests pass a <see cref="StringWriter"/>.
/// </summary>
internal sealed class ToolTerminal(TextWriter writer, Func<int> width, bool isTerminal)
{
    /// <summary>Narrower than this and every row would be cut to nothing useful.</summary>
    private const int MinimumWidth = 20;

    public TextWriter Writer { get; } = writer;

    public bool IsTerminal { get; } = isTerminal;

    public int Width
    {
        get
        {
            var columns = width();
            return columns < MinimumWidth ? MinimumWidth : columns;
        }
    }

    /// <summary>
    /// The width of the process's console: 0 or an exception when it cannot be told (stdout redirected on some
    /// systems), then $COLUMNS, then 80.
    /// </summary>
    public static int ConsoleWidth()
    {
        try
        {
            if (Console.WindowWidth > 0)
            {
                return Console.WindowWidth;
            }
        }
        catch (Exception ex) when (ex is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
        }

        return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : 80;
    }
}
