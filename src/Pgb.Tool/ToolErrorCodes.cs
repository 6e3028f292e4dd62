namespace Pgb.Tool;

/// <summary>
/// Codes for failures only the command line can have; the pipeline's own codes are in
/// <see cref="Pgb.Pipeline.PgbErrorCodes"/>. docs/pgb.md lists these with the fix.
/// </summary>
public static class ToolErrorCodes
{
    /// <summary>The command line could not be parsed, or an option's value is malformed (<c>--user</c>, <c>--fail</c>, <c>--port</c>...).</summary>
    public const string InvalidArguments = "PGB1000";

    /// <summary>The local server could not start listening (the port is taken, or not allowed).</summary>
    public const string ServerStartFailed = "PGB4010";

    /// <summary><c>pgb serve --data DIR</c>: the directory or a file in it cannot be created, opened or read.</summary>
    public const string DataDirectoryInaccessible = "PGB4011";

    /// <summary><c>pgb serve --data DIR</c>: another server already uses the directory.</summary>
    public const string DataDirectoryLocked = "PGB4012";

    /// <summary><c>pgb serve --data DIR</c>: a file in the directory is not what the server wrote.</summary>
    public const string DataDirectoryCorrupt = "PGB4013";

    /// <summary><c>pgb serve --data DIR</c>: the directory was written by a newer server.</summary>
    public const string DataDirectoryNewerFormat = "PGB4014";
}
