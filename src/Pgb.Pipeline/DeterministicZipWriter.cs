using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Pgb.Pipeline;

/// <summary>
/// Writes a zip whose bytes depend only on the entries' names and contents, and deflates the entries in
/// parallel. ZipArchive can do neither: it compresses one entry after another, and it stamps the host OS
/// ("version made by") into the archive. Here each entry is deflated on its own (so the order in which workers
/// finish cannot change a byte), the writer takes them in the given order, times are the DOS epoch, and the
/// archive says MS-DOS whatever the OS. Classic zip only (no Zip64): up to 65,535 entries and 4 GB, checked
/// up front, which is far beyond what PhoneGap Build accepted as an upload.
/// </summary>
internal static class DeterministicZipWriter
{
    /// <summary>Entries up to this size are read and deflated in memory by the workers; larger ones are deflated
    /// straight into the archive by the writer, so memory stays bounded by the window, not by the app.</summary>
    internal const int InMemoryLimit = 4 * 1024 * 1024;

    internal const int MaxEntries = ushort.MaxValue;

    /// <summary>1980-01-01 00:00:00 in DOS date/time fields.</summary>
    private const ushort DosTime = 0;
    private const ushort DosDate = (0 << 9) | (1 << 5) | 1;
    private const ushort VersionNeeded = 20;
    private const ushort Utf8NameFlag = 0x0800;
    private const ushort Stored = 0;
    private const ushort Deflated = 8;

    /// <summary>Fails with PGB1014 before anything is read when the entries cannot fit a classic zip.</summary>
    public static void EnsureFits(IReadOnlyList<WwwFile> entries)
    {
        // Deflate never grows a small entry here (stored wins) and grows a large one by under 0.1%.
        long worst = 22;
        foreach (var entry in entries)
        {
            worst += entry.Length + (entry.Length / 512) + 64 + (2L * Encoding.UTF8.GetByteCount(entry.Name)) + 46 + 30;
        }

        if (entries.Count > MaxEntries || worst >= uint.MaxValue)
        {
            throw new PgbPipelineException(PgbErrorCodes.WwwTooLarge, Strings.WwwTooLarge.F(entries.Count, entries.Sum(e => e.Length)));
        }
    }

    /// <summary>Writes every entry, then the central directory. <paramref name="output"/> must be seekable (a file).</summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<WwwFile> entries, CancellationToken cancellationToken)
    {
        EnsureFits(entries);
        var window = Math.Max(2, Environment.ProcessorCount * 2);
        var workers = new Task<CompressedEntry>?[entries.Count];
        var central = new List<CentralRecord>(entries.Count);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = 0;

        void StartUpTo(int limit)
        {
            for (; started < entries.Count && started < limit; started++)
            {
                var entry = entries[started];
                if (entry.Length <= InMemoryLimit)
                {
                    workers[started] = Task.Run(() => CompressInMemoryAsync(entry, stop.Token), stop.Token);
                }
            }
        }

        try
        {
            StartUpTo(window);
            for (var i = 0; i < entries.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entry = entries[i];
                var name = Encoding.UTF8.GetBytes(entry.Name);
                var offset = output.Position;
                CentralRecord record;
                if (workers[i] is { } worker)
                {
                    var compressed = await worker.ConfigureAwait(false);
                    workers[i] = null;
                    record = new CentralRecord(name, compressed.Method, compressed.Crc, compressed.Data.Length, compressed.Length, offset);
                    await WriteAsync(output, LocalHeader(record), cancellationToken).ConfigureAwait(false);
                    await WriteAsync(output, compressed.Data, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    record = await DeflateIntoArchiveAsync(output, entry, name, offset, cancellationToken).ConfigureAwait(false);
                }

                central.Add(record);
                StartUpTo(i + 1 + window);
            }

            await WriteCentralDirectoryAsync(output, central, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // On a failure, workers still reading files must end before the caller deletes anything.
            stop.Cancel();
            foreach (var worker in workers)
            {
                if (worker is null)
                {
                    continue;
                }

                try
                {
                    await worker.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Already failing (or canceled): the first error is the one reported.
                }
            }
        }
    }

    private static async Task<CompressedEntry> CompressInMemoryAsync(WwwFile entry, CancellationToken cancellationToken)
    {
        var content = new byte[entry.Length];
        var length = 0;
        await WwwFileReader.ReadAsync(entry, (buffer, count) =>
        {
            Buffer.BlockCopy(buffer, 0, content, length, count);
            length += count;
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);

        var crc = Crc32.HashToUInt32(new ReadOnlySpan<byte>(content, 0, length));
        if (length == 0)
        {
            return new CompressedEntry(Stored, crc, length, []);
        }

        using var deflated = new MemoryStream();
        using (var deflate = new DeflateStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(content, 0, length);
        }

        // Stored when deflate does not help (images, fonts): smaller, and faster to unpack.
        return deflated.Length < length
            ? new CompressedEntry(Deflated, crc, length, deflated.ToArray())
            : new CompressedEntry(Stored, crc, length, Prefix(content, length));
    }

    /// <summary>A large entry: header with placeholders, deflate straight into the archive, then patch the header.</summary>
    private static async Task<CentralRecord> DeflateIntoArchiveAsync(Stream output, WwwFile entry, byte[] name, long offset, CancellationToken cancellationToken)
    {
        await WriteAsync(output, LocalHeader(new CentralRecord(name, Deflated, 0, 0, 0, offset)), cancellationToken).ConfigureAwait(false);
        var dataStart = output.Position;
        var crc = new Crc32();
        long length = 0;
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            await WwwFileReader.ReadAsync(entry, async (buffer, count) =>
            {
                crc.Append(new ReadOnlySpan<byte>(buffer, 0, count));
                length += count;
                await deflate.WriteAsync(buffer, 0, count, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }

        var end = output.Position;
        var record = new CentralRecord(name, Deflated, crc.GetCurrentHashAsUInt32(), end - dataStart, length, offset);
        output.Position = offset;
        await WriteAsync(output, LocalHeader(record), cancellationToken).ConfigureAwait(false);
        output.Position = end;
        return record;
    }

    private static byte[] LocalHeader(CentralRecord record)
    {
        using var buffer = new MemoryStream(30 + record.Name.Length);
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(0x04034b50u);
            WriteSharedFields(writer, record);
            writer.Write((ushort)0); // extra field length
            writer.Write(record.Name);
        }

        return buffer.ToArray();
    }

    /// <summary>The fields the local header and the central directory record share, from "version needed" to the name's length.</summary>
    private static void WriteSharedFields(BinaryWriter writer, CentralRecord record)
    {
        writer.Write(VersionNeeded);
        writer.Write(record.Flags);
        writer.Write(record.Method);
        writer.Write(DosTime);
        writer.Write(DosDate);
        writer.Write(record.Crc);
        writer.Write((uint)record.CompressedLength);
        writer.Write((uint)record.Length);
        writer.Write((ushort)record.Name.Length);
    }

    private static async Task WriteCentralDirectoryAsync(Stream output, IReadOnlyList<CentralRecord> records, CancellationToken cancellationToken)
    {
        var start = output.Position;
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            foreach (var record in records)
            {
                writer.Write(0x02014b50u);
                writer.Write(VersionNeeded); // made by: MS-DOS (high byte 0) whatever this OS is, for the same bytes everywhere
                WriteSharedFields(writer, record);
                writer.Write((ushort)0); // extra field length
                writer.Write((ushort)0); // comment length
                writer.Write((ushort)0); // disk number
                writer.Write((ushort)0); // internal attributes
                writer.Write(0u); // external attributes
                writer.Write((uint)record.Offset);
                writer.Write(record.Name);
            }

            writer.Flush();
            var directoryLength = (uint)buffer.Length;
            writer.Write(0x06054b50u);
            writer.Write((ushort)0); // this disk
            writer.Write((ushort)0); // disk of the directory
            writer.Write((ushort)records.Count);
            writer.Write((ushort)records.Count);
            writer.Write(directoryLength);
            writer.Write((uint)start);
            writer.Write((ushort)0); // comment length
        }

        await WriteAsync(output, buffer.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bytes read: a file may have shrunk since it was listed.</summary>
    private static byte[] Prefix(byte[] content, int length)
    {
        if (length == content.Length)
        {
            return content;
        }

        var prefix = new byte[length];
        Buffer.BlockCopy(content, 0, prefix, 0, length);
        return prefix;
    }

    private static Task WriteAsync(Stream output, byte[] bytes, CancellationToken cancellationToken) =>
        output.WriteAsync(bytes, 0, bytes.Length, cancellationToken);

    private sealed class CompressedEntry(ushort method, uint crc, long length, byte[] data)
    {
        public ushort Method { get; } = method;
        public uint Crc { get; } = crc;
        public long Length { get; } = length;
        public byte[] Data { get; } = data;
    }

    private sealed class CentralRecord(byte[] name, ushort method, uint crc, long compressedLength, long length, long offset)
    {
        public byte[] Name { get; } = name;
        public ushort Method { get; } = method;
        public uint Crc { get; } = crc;
        public long CompressedLength { get; } = compressedLength;
        public long Length { get; } = length;
        public long Offset { get; } = offset;

        /// <summary>Bit 11: the name is UTF-8. Set only when it needs to be, as ZipArchive does, so ASCII names
        /// read the same in the oldest unzip tools.</summary>
        public ushort Flags => Name.Any(b => b >= 0x80) ? Utf8NameFlag : (ushort)0;
    }
}
