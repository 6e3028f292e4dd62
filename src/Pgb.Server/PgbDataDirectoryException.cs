namespace Pgb.Server;

/// <summary><see cref="PgbServer.StartAsync(PgbServerOptions, CancellationToken)"/> could not open its data directory;
/// nothing was started. <see cref="Path"/> names the file at fault (or the directory itself), and the message says what
/// to do. Deliberately not an <see cref="IOException"/>: callers treat those as "could not listen on the port".</summary>
public sealed class PgbDataDirectoryException : Exception
{
    internal PgbDataDirectoryException(PgbDataDirectoryProblem problem, string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
        Path = path;
    }

    public PgbDataDirectoryProblem Problem { get; }

    /// <summary>Full path of the file (or directory) that could not be used.</summary>
    public string Path { get; }
}
