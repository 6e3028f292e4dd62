using System.Text.Encodings.Web;
using System.Text.Json;

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

    /// <summary>Shorter secrets are only redacted in URLs: replacing "dev" everywhere would mangle "device" (as the client does).</summary>
    private const int MinimumConcealedLength = 6;

    private readonly List<string> _secrets = [];

    /// <summary>
    /// Never prints <paramref name="secret"/> from now on, wherever it appears: URL redaction covers
    /// <c>auth_token=</c>, but a server may echo the token anywhere (an app title, an error text).
    /// </summary>
    public void Conceal(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumConcealedLength)
        {
            return;
        }

        lock (_secrets)
        {
            foreach (var form in new[] { secret, Uri.EscapeDataString(secret) })
            {
                if (!_secrets.Contains(form))
                {
                    _secrets.Add(form);
                }
            }

            _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    /// <summary>Text as it may be printed: URL secrets as <c>***</c>, and every concealed secret too.</summary>
    public string Redact(string? text)
    {
        var result = PgbRedaction.Redact(text);
        lock (_secrets)
        {
            foreach (var secret in _secrets)
            {
                result = result.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return result;
    }

    /// <summary>A note for people, on stderr.</summary>
    public void Note(string message)
    {
        Error.WriteLine("pgb: " + Redact(message));
        Error.Flush();
    }

    /// <summary>A result line (text mode), on stdout.</summary>
    public void Result(string line)
    {
        Out.WriteLine(Redact(line));
        Out.Flush();
    }

    /// <summary>The JSON document (json mode), on stdout.</summary>
    public void Result(JsonNode document)
    {
        Out.WriteLine(Redact(document.ToJsonString(JsonOutput)));
        Out.Flush();
    }

    /// <summary>
    /// Reports a failure: <c>pgb: error PGB####: message</c> on stderr and, with <c>--json</c>,
    /// <c>{"error":{"code":...,"message":...}}</c> on stdout. Returns the exit code of its class.
    /// </summary>
    public int Fail(ToolFailure failure)
    {
        var message = Redact(failure.Message);
        if (Interactive)
        {
            Error.WriteLine($"pgb: \u001b[31merror {failure.Code}\u001b[0m: {message}");
        }
        else
        {
            Error.WriteLine($"pgb: error {failure.Code}: {message}");
        }

        Error.Flush();
        if (Json)
        {
            Result(new JsonObject { ["error"] = new JsonObject { ["code"] = failure.Code, ["message"] = message } });
        }

        return ExitCodes.ForErrorCode(failure.Code);
    }
}
