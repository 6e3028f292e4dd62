namespace Pgb.Tool;

/// <summary>
/// Codes for failures only the command line can have; the pipeline's own codes are in
/// <see cref="Pgb.Pipeline.PgbErrorCodes"/>. docs/pgb.md lists these with the fix.
/// </summary>
public static class ToolErrorCodes
{
    /// <summary>The command line could not be parsed, or an option's value is malformed (<c>--user</c>, <c>--fail</c>, <c>--port</c>...).</summary>
    public const string InvalidArguments = "PGB1000";

    /// <summary>An option that is accepted but not available yet (<c>pgb serve --data</c>).</summary>
    public const string NotImplemented = "PGB1090";

    /// <summary>The local server could not start listening (the port is taken, or not allowed).</summary>
    public const string ServerStartFailed = "PGB4010";
}
