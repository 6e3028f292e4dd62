namespace Pgb.Server;

/// <summary>Why a data directory (<see cref="PgbServerOptions.DataDirectory"/>) could not be opened; a tool maps each
/// to its own error code.</summary>
public enum PgbDataDirectoryProblem
{
    /// <summary>The directory or one of its files cannot be created, opened or read (permissions, a file in the way,
    /// a disk error).</summary>
    Inaccessible,

    /// <summary>Another server (in this process or another) holds the directory's lock file.</summary>
    Locked,

    /// <summary>A file is not what this server wrote: invalid JSON, missing or impossible values.</summary>
    Corrupt,

    /// <summary>A file was written by a newer server, in a format this one cannot read.</summary>
    NewerFormat,
}
