using System.Text;

namespace Pgb.Tool.Tests;

/// <summary>
/// A minimal terminal for the live display's output: it plays back text, CR, LF and the few sequences the display
/// uses (cursor up, clear line, clear below, show/hide cursor; colours are dropped) and tells what is on screen.
/// Fails on any other sequence, so the display cannot start relying on one unnoticed.
/// </summary>
internal sealed partial class TerminalScreen
{
    private readonly List<StringBuilder> _lines = [new()];
    private int _row;
    private int _column;

    public bool CursorVisible { get; private set; } = true;

    /// <summary>The screen's lines, trailing blanks removed (the cursor sits on an empty last line after a frame).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            var lines = _lines.Select(l => l.ToString().TrimEnd()).ToList();
            while (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            return lines;
        }
    }

    public static TerminalScreen Play(string output)
    {
        var screen = new TerminalScreen();
        for (var i = 0; i < output.Length; i++)
        {
            var c = output[i];
            if (c == '\u001b')
            {
                var match = Sequence().Match(output, i);
                Assert.IsTrue(match.Success && match.Index == i, $"unexpected escape at {i}: {output[i..Math.Min(i + 10, output.Length)]}");
                screen.Apply(match.Groups["args"].Value, match.Groups["op"].Value);
                i += match.Length - 1;
            }
            else if (c == '\r')
            {
                screen._column = 0;
            }
            else if (c == '\n')
            {
                screen.NewLine();
            }
            else
            {
                screen.Put(c);
            }
        }

        return screen;
    }

    private void Apply(string args, string op)
    {
        switch (op)
        {
            case "A":
                _row = Math.Max(0, _row - (args.Length == 0 ? 1 : int.Parse(args, System.Globalization.CultureInfo.InvariantCulture)));
                break;
            case "K" when args == "2":
                _lines[_row].Clear();
                break;
            case "J" when args.Length == 0:
                _lines[_row].Length = Math.Min(_lines[_row].Length, _column);
                _lines.RemoveRange(_row + 1, _lines.Count - _row - 1);
                break;
            case "l" when args == "?25":
                CursorVisible = false;
                break;
            case "h" when args == "?25":
                CursorVisible = true;
                break;
            case "m":
                break;
            default:
                Assert.Fail($"unsupported sequence ESC[{args}{op}");
                break;
        }
    }

    private void NewLine()
    {
        _row++;
        _column = 0;
        if (_row == _lines.Count)
        {
            _lines.Add(new StringBuilder());
        }
    }

    private void Put(char c)
    {
        var line = _lines[_row];
        if (_column < line.Length)
        {
            line[_column] = c;
        }
        else
        {
            line.Append(' ', _column - line.Length).Append(c);
        }

        _column++;
    }

    [GeneratedRegex(@"\u001b\[(?<args>[?0-9;]*)(?<op>[A-Za-z])")]
    private static partial Regex Sequence();
}
