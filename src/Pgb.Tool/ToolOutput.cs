using Newtonsoft.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pgb.Tool;

/// <summary>
/// How results are printed: with <c>--json</c>, the service's answer as the client reads it (the API's own field
/// names, as the official CLI's <c>--json</c> printed it), one document on stdout; otherwise a table or a few lines
/// for people, drawn by Spectre.Console without colour or escape codes, so they read the same in a file.
/// </summary>
internal static class ToolOutput
{
    private static readonly JsonSerializerSettings ModelSettings = new() { DateFormatString = "yyyy-MM-dd'T'HH:mm:ssK" };

    /// <summary>A client model as JSON, with the API's field names.</summary>
    public static JsonNode Json(object? model) =>
        JsonNode.Parse(JsonConvert.SerializeObject(model, ModelSettings)) ?? JsonValue.Create((string?)null)!;

    /// <summary>A table with a header row and no frame: columns two spaces apart, easy to read and to cut with awk.</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table { Border = TableBorder.None, ShowHeaders = true };
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)) { NoWrap = false, Padding = new Padding(0, 0, 2, 0) });
        }

        return table;
    }

    /// <summary>Adds a row of plain text (never markup: titles from the server may hold brackets).</summary>
    public static void Row(Table table, params string?[] cells) =>
        table.AddRow(cells.Select(c => (IRenderable)new Text(c ?? string.Empty)).ToArray());

    /// <summary>Renders <paramref name="renderable"/> as plain text, as wide as the terminal (or 120 columns when not one).</summary>
    public static string Render(IRenderable renderable, int width)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        console.Write(renderable);
        // Padding to the column width leaves spaces at the ends of lines: nothing a reader needs.
        var lines = writer.ToString().Split('\n').Select(l => l.TrimEnd()).SkipWhile(l => l.Length == 0).Reverse().SkipWhile(l => l.Length == 0).Reverse();
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Prints the table (text mode) or <paramref name="json"/> (json mode).</summary>
    public static void Print(ToolConsole console, ToolEnvironment environment, Func<IRenderable> table, Func<JsonNode> json)
    {
        if (console.Json)
        {
            console.Result(json());
            return;
        }

        console.Result(Render(table(), environment.StderrIsTerminal ? Math.Max(environment.StderrWidth(), 40) : 160));
    }

    /// <summary>Prints one line (text mode) or <paramref name="json"/> (json mode).</summary>
    public static void Print(ToolConsole console, string line, Func<JsonNode> json)
    {
        if (console.Json)
        {
            console.Result(json());
        }
        else
        {
            console.Result(line);
        }
    }
}
