using System.Security.Cryptography;

namespace Pgb.Client;

/// <summary>
/// A download being written: a temporary file beside the destination and the SHA-256 of what it holds so far. It
/// grows across resumed attempts, starts over when the storage sends the whole package again, and becomes the
/// destination only through <see cref="Commit"/>; disposed uncommitted, it is deleted, so a failed download leaves
/// nothing that looks complete.
/// </summary>
internal sealed class PartialFile : IDisposable
{
    private readonly FileStream _stream;
    private IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _closed;
    private bool _committed;

    public PartialFile(string destination)
    {
        var directory = System.IO.Path.GetDirectoryName(destination)!;
        Path = System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileName(destination) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial");
        _stream = new FileStream(Path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true);
    }

    public string Path { get; }

    /// <summary>Bytes written so far: where a resumed attempt asks the storage to go on from.</summary>
    public long Length { get; private set; }

    public async Task WriteAsync(byte[] buffer, int count, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(buffer, 0, count, cancellationToken).ConfigureAwait(false);
        _hash.AppendData(buffer, 0, count);
        Length += count;
    }

    /// <summary>Drops what was written: the storage is sending the package from its first byte again.</summary>
    public void StartOver()
    {
        _stream.SetLength(0);
        _stream.Position = 0;
        _hash.Dispose();
        _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Length = 0;
    }

    /// <summary>The first bytes written (at most <paramref name="count"/>), to check what kind of file this is.</summary>
    public async Task<byte[]> ReadStartAsync(int count)
    {
        await _stream.FlushAsync().ConfigureAwait(false);
        var start = new byte[(int)Math.Min(count, Length)];
        _stream.Position = 0;
        var filled = 0;
        while (filled < start.Length)
        {
            var read = await _stream.ReadAsync(start, filled, start.Length - filled).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        _stream.Position = Length;
        return start;
    }

    /// <summary>Lower-case hex SHA-256 of the bytes written; closes the file.</summary>
    public async Task<string> FinishAsync(CancellationToken cancellationToken)
    {
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        Close();
        return Hex.Lower(_hash.GetHashAndReset());
    }

    /// <summary>
    /// Saves an answer already read into memory (an icon) the way packages are saved: written to a partial file,
    /// renamed onto <paramref name="destination"/> once complete. Returns the lower-case hex SHA-256 of the bytes.
    /// </summary>
    public static async Task<string> SaveAsync(string destination, byte[] bytes, CancellationToken cancellationToken)
    {
        using var file = new PartialFile(destination);
        await file.WriteAsync(bytes, bytes.Length, cancellationToken).ConfigureAwait(false);
        var sha256 = await file.FinishAsync(cancellationToken).ConfigureAwait(false);
        file.Commit(destination);
        return sha256;
    }

    /// <summary>Makes the finished file the destination, in one step where it exists, so a reader never finds it missing.</summary>
    public void Commit(string destination)
    {
        Close();
        if (File.Exists(destination))
        {
            File.Replace(Path, destination, null);
        }
        else
        {
            File.Move(Path, destination);
        }

        _committed = true;
    }

    public void Dispose()
    {
        Close();
        _hash.Dispose();
        if (!_committed)
        {
            try
            {
                File.Delete(Path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Nothing more to do: the name says it is partial.
            }
        }
    }

    private void Close()
    {
        if (!_closed)
        {
            _closed = true;
            _stream.Dispose();
        }
    }
}
