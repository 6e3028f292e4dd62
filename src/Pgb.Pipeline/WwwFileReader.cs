namespace Pgb.Pipeline;

/// <summary>Reads one listed www file for the archive, safely.</summary>
internal static class WwwFileReader
{
    private const int BufferSize = 81920;

    /// <summary>
    /// Hands the file's bytes to <paramref name="sink"/>, at most the length the file had when it was listed. An
    /// empty file is not even opened: named pipes, sockets and devices report no length, and opening a pipe would
    /// wait for a writer forever. A failure to read is the file's (PGB4004), not the archive's.
    /// </summary>
    public static async Task ReadAsync(WwwFile entry, Func<byte[], int, Task> sink, CancellationToken cancellationToken)
    {
        if (entry.Length == 0)
        {
            return;
        }

        var buffer = new byte[(int)Math.Min(BufferSize, entry.Length)];
        FileStream source;
        try
        {
            source = new FileStream(entry.Path, FileMode.Open, FileAccess.Read, FileShare.Read, buffer.Length, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw WwwFiles.ReadFailed(entry.Path, ex);
        }

        using (source)
        {
            var remaining = entry.Length;
            while (remaining > 0)
            {
                int read;
                try
                {
                    read = await source.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, remaining), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw WwwFiles.ReadFailed(entry.Path, ex);
                }

                if (read == 0)
                {
                    return;
                }

                await sink(buffer, read).ConfigureAwait(false);
                remaining -= read;
            }
        }
    }
}
