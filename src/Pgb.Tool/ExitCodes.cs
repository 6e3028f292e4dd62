namespace Pgb.Tool;

/// <summary>
/// The process exit codes of <c>pgb</c>. Each is the class of the error's <c>PGB####</c> code, so scripts
/// can branch on the kind of failure without parsing messages. docs/pgb.md lists them; keep both in step.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure (PGB0000, a bug): the message says what went wrong, never a stack trace.</summary>
    public const int Unexpected = 1;

    /// <summary>Usage or configuration (PGB1xxx): bad arguments, a missing token variable, an unknown platform.</summary>
    public const int Usage = 2;

    /// <summary>The server's answer (PGB2xxx): unreachable, 401, 404, 5xx...</summary>
    public const int Server = 3;

    /// <summary>A build the server reported as failed, or one that did not finish in time (PGB3xxx).</summary>
    public const int BuildFailed = 4;

    /// <summary>Local I/O (PGB4xxx): the archive, an artifact or the state file could not be written; the server could not listen.</summary>
    public const int LocalIO = 5;

    /// <summary>Canceled with Ctrl+C or SIGTERM (PGB0001), as shells report 128 + SIGINT.</summary>
    public const int Canceled = 130;

    /// <summary>The exit code for a <c>PGB####</c> error code.</summary>
    public static int ForErrorCode(string? code)
    {
        if (code == Pgb.Pipeline.PgbErrorCodes.Canceled)
        {
            return Canceled;
        }

        if (code is null || code.Length != 7 || !code.StartsWith("PGB", StringComparison.Ordinal))
        {
            return Unexpected;
        }

        return code[3] switch
        {
            '1' => Usage,
            '2' => Server,
            '3' => BuildFailed,
            '4' => LocalIO,
            _ => Unexpected,
        };
    }

    /// <summary>The table printed at the end of <c>pgb --help</c>.</summary>
    public const string HelpText =
        """
        Exit codes:
          0    success
          1    unexpected error (PGB0000)
          2    usage or configuration: bad arguments, missing token variable, unknown platform (PGB1xxx)
          3    the server's answer: unreachable, refused token, missing app, server error (PGB2xxx)
          4    a build failed or timed out (PGB3xxx)
          5    local I/O: archive, artifact or state file not written; server could not listen (PGB4xxx)
          130  canceled (Ctrl+C, SIGTERM)
        """;
}
