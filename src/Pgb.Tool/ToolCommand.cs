namespace Pgb.Tool;

/// <summary>What the commands share: a description with examples for <c>--help</c>, the action wired through <see cref="PgbCommandLine.Run"/>, and id parsing.</summary>
internal static class ToolCommand
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Command, string[]> ExamplesOf = [];

    /// <summary>A command whose <c>--help</c> ends with examples (see <see cref="Examples"/>).</summary>
    public static Command Create(string name, string description, params string[] examples)
    {
        var command = new Command(name, description);
        ExamplesOf.AddOrUpdate(command, examples);
        return command;
    }

    public static void AddExamples(Command command, params string[] examples) => ExamplesOf.AddOrUpdate(command, examples);

    /// <summary>The examples block of a command's <c>--help</c>; null for a command without examples.</summary>
    public static string? Examples(Command command) =>
        ExamplesOf.TryGetValue(command, out var examples) && examples.Length > 0
            ? "Examples:" + Environment.NewLine + string.Join(Environment.NewLine, examples.Select(e => "  " + e))
            : null;

    /// <summary>Runs <paramref name="run"/> with the command's console; failures become coded errors and exit codes.</summary>
    public static void SetRun(this Command command, PgbCommandLine cli, Func<ParseResult, ToolConsole, CancellationToken, Task<int>> run) =>
        command.SetAction((parse, cancellationToken) => cli.Run(parse, cancellationToken, console => run(parse, console, cancellationToken)));

    public static Argument<string> AppIdArgument() => new("ID") { Description = "The app's id on the service." };

    public static Argument<string> PlatformArgument() => new("PLATFORM") { Description = "android, ios, blackberry (keys); or symbian, webos, winphone for builds." };

    /// <summary>A positive whole number, or PGB1000 naming what it should be.</summary>
    public static int ParseId(string what, string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new PgbToolException(ToolErrorCodes.InvalidArguments, Strings.IdInvalid.F(what, text ?? string.Empty));

    /// <summary>One platform name as the user typed it, normalized (windows is winphone); PGB1005 when unknown.</summary>
    public static string ParsePlatform(string? text) => PgbPlatformList.Parse(text).Single();
}
