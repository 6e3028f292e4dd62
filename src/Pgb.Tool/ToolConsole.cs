using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pgb.Client;

namespace Pgb.Tool;

/// <summary>
/// Where a command writes: results to stdout (text, or one JSON document with <c>--json</c>), everything
/// for people (progress, notes, errors) to stderr. Every line goes through redaction: no token leaves.
/// </summary>
internal sealed class ToolConsole(TextWriter stdout, TextWriter stderr, bool json, bool interactive = false)
{
    /// <summary>Readable JSON on one line: apostrophes and non-ASCII as they are (the output is not embedded in HTML).</summary>
    private static readonly JsonSerializerOptions JsonOutput = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    /// <summary>With <c>--json</c>: stdout holds exactly one JSON document.</summary>
    public bool Json { get; } = json;

    /// <summary>stderr is a terminal that may be coloured (never when redirected or with NO_COLOR).</summary>
    public bool Interactive { get; } = interactive;

    /// <summary>A note for people, on stderr.</summary>
    public void Note(string message)
    {
        Error.WriteLine("pgb: " + PgbRedaction.Redact(message));
        Error.Flush();
    }

    /// <summary>A result line (text mode), on stdout.</summary>
    public void Result(string line)
    {
        Out.WriteLine(PgbRedaction.Redact(line));
        Out.Flush();
    }

    /// <summary>The JSON document (json mode), on stdout.</summary>
    public void Result(JsonNode document)
    {
        Out.WriteLine(PgbRedaction.Redact(document.ToJsonString(JsonOutput)));
        Out.Flush();
    }

    /// <summary>
    /// Reports a failure: <c>pgb: error PGB####: message</c> on stderr and, with <c>--json</c>,
    /// <c>{"error":{"code":...,"message":...}}</c> on stdout. Returns the exit code of its class.
    /// </summary>
    public int Fail(ToolFailure failure)
    {
        var message = PgbRedaction.Redact(failure.Message);
        if (Interactive)
            Error.WriteLine($"pgb: \u001b[31merror {failure.Code}\u001b[0m: {message}");
        else
            Error.WriteLine($"pgb: error {failure.Code}: {message}");
        Error.Flush();
        if (Json)
            Result(new JsonObject { ["error"] = new JsonObject { ["code"] = failure.Code, ["message"] = message } });
        return ExitCodes.ForErrorCode(failure.Code);
    }
}
