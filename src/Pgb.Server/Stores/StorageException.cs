namespace Pgb.Server.Stores;

/// <summary>A persisted store could not read or write a file (disk full, permissions). Wraps the
/// <see cref="IOException"/> on purpose: the error middleware reads a bare IOException as a request body that ended
/// early (a 400), while this is the server's fault (a 500, logged).</summary>
internal sealed class StorageException(string message, Exception innerException) : Exception(message, innerException);
