namespace Pgb.Tool;

/// <summary>
/// Whether the live display has hidden the cursor of the process's terminal. A second Ctrl+C ends the process
/// at once, past every <c>finally</c>: <see cref="Program"/> then shows the cursor again, or the user's shell
/// would be left without one.
/// </summary>
internal static class TerminalCursor
{
    public const string Hide = "\u001b[?25l";
    public const string Show = "\u001b[?25h";

    private static volatile bool s_hidden;

    public static bool Hidden
    {
        get => s_hidden;
        set => s_hidden = value;
    }

    /// <summary>Shows the cursor on stderr if the display hid it; for the last moments of the process only.</summary>
    public static void RestoreOnExit()
    {
        if (!s_hidden)
        {
            return;
        }

        s_hidden = false;
        try
        {
            Console.Error.Write(Show);
            Console.Error.Flush();
        }
        catch (IOException)
        {
            // The terminal is gone: there is no cursor to restore.
        }
    }
}
