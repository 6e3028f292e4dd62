using System.Text;

namespace Pgb.Server.Inspection;

/// <summary>Walks the regular files of a tar stream (ustar, GNU long names, PAX paths) within an
/// <see cref="InspectionBudget"/>. Written here rather than taken from <c>System.Formats.Tar</c>, whose reader allocates
/// whatever size a long-name or PAX header claims (1.5 GB for a header of a few bytes): here such headers are capped at
/// <see cref="InspectionLimits.MaxTarHeaderBytes"/>, file contents are read only when asked for and then within a cap,
/// and everything else is skipped as it streams by. A malformed archive is an <see cref="InvalidDataException"/>.</summary>
internal sealed class TarFileReader(Stream stream, InspectionBudget budget)
{
    private const int BlockSize = 512;

    private readonly byte[] _header = new byte[BlockSize];

    /// <summary>Bytes of the current entry (data and padding) not read yet.</summary>
    private long _unread;

    /// <summary>The current file's path, as written ('/'-separated, possibly with "./" or "..").</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The current file's size in bytes.</summary>
    public long Size { get; private set; }

    /// <summary>Moves to the next regular file; false at the end of the archive.</summary>
    public bool MoveNext()
    {
        string? longName = null;
        while (true)
        {
            Skip(_unread);
            _unread = 0;
            if (!ReadHeader())
            {
                return false;
            }

            budget.CountEntry();
            var size = ParseSize(_header.AsSpan(124, 12));
            _unread = Padded(size);
            var type = (char)_header[156];
            switch (type)
            {
                case 'L':
                    longName = Text(ReadMetadata(size));
                    break;
                case 'x':
                    longName = PaxPath(ReadMetadata(size)) ?? longName;
                    break;
                case '0' or '\0' or '7':
                    Name = longName ?? HeaderName();
                    Size = size;
                    return true;
                default:
                    // Folders, links, devices, global PAX headers, GNU long link names: nothing to inspect.
                    longName = null;
                    break;
            }
        }
    }

    /// <summary>The current file's bytes; a file larger than <paramref name="maxBytes"/> fails without being read.</summary>
    /// <param name="what">names the file in the error.</param>
    public byte[] ReadContent(long maxBytes, string what)
    {
        if (Size > maxBytes)
        {
            throw InspectionBudget.TooLarge(what, maxBytes);
        }

        var content = new byte[Size];
        stream.ReadExactly(content);
        _unread -= Size;
        return content;
    }

    private bool ReadHeader()
    {
        var read = stream.ReadAtLeast(_header, BlockSize, throwOnEndOfStream: false);
        if (read == 0)
        {
            // Archives written without the two closing zero blocks end here.
            return false;
        }

        if (read < BlockSize)
        {
            throw new InvalidDataException("the tar archive ends inside a header");
        }

        if (_header.AsSpan().IndexOfAnyExcept((byte)0) < 0)
        {
            return false;
        }

        long sum = 0;
        for (var i = 0; i < BlockSize; i++)
        {
            sum += i is >= 148 and < 156 ? ' ' : _header[i];
        }

        if (ParseOctal(_header.AsSpan(148, 8)) != sum)
        {
            throw new InvalidDataException("a tar header's checksum does not match");
        }

        return true;
    }

    private byte[] ReadMetadata(long size)
    {
        if (size > budget.Limits.MaxTarHeaderBytes)
        {
            throw InspectionBudget.TooLarge("a tar long-name or extended header", budget.Limits.MaxTarHeaderBytes);
        }

        var content = new byte[size];
        stream.ReadExactly(content);
        _unread -= size;
        return content;
    }

    private string HeaderName()
    {
        var name = Text(_header.AsSpan(0, 100));
        var isUstar = _header.AsSpan(257, 5).SequenceEqual("ustar"u8);
        var prefix = isUstar ? Text(_header.AsSpan(345, 155)) : string.Empty;
        return prefix.Length > 0 ? prefix + "/" + name : name;
    }

    private void Skip(long count)
    {
        var scratch = new byte[Math.Min(count, 81920)];
        while (count > 0)
        {
            var read = stream.Read(scratch, 0, (int)Math.Min(scratch.Length, count));
            if (read == 0)
            {
                throw new EndOfStreamException("the tar archive ends inside an entry");
            }

            count -= read;
        }
    }

    /// <summary>The <c>path</c> record of a PAX header: lines <c>LENGTH key=value\n</c>.</summary>
    private static string? PaxPath(byte[] records)
    {
        string? path = null;
        var rest = records.AsSpan();
        while (rest.Length > 0)
        {
            var space = rest.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(rest[..space], out var length) || length <= space || length > rest.Length)
            {
                throw new InvalidDataException("a PAX header record is malformed");
            }

            var record = rest[(space + 1)..(length - 1)];
            if (record.StartsWith("path="u8))
            {
                path = Encoding.UTF8.GetString(record["path=".Length..]);
            }

            rest = rest[length..];
        }

        return path;
    }

    /// <summary>Octal digits, or base-256 (first byte's high bit set) for sizes beyond 8 GB.</summary>
    private static long ParseSize(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
        {
            long value = field[0] & 0x7f;
            foreach (var b in field[1..])
            {
                if (value > (long.MaxValue >> 9))
                {
                    throw new InvalidDataException("a tar entry's size is out of range");
                }

                value = (value << 8) | b;
            }

            return value;
        }

        return ParseOctal(field);
    }

    private static long ParseOctal(ReadOnlySpan<byte> field)
    {
        long value = 0;
        var digits = 0;
        foreach (var b in field)
        {
            if (b is (byte)' ' or 0)
            {
                if (digits > 0)
                {
                    break;
                }

                continue;
            }

            if (b is < (byte)'0' or > (byte)'7' || value > (long.MaxValue >> 4))
            {
                throw new InvalidDataException("a tar header holds a malformed number");
            }

            value = (value << 3) + (b - '0');
            digits++;
        }

        return value;
    }

    private static long Padded(long size) => size + ((BlockSize - (size % BlockSize)) % BlockSize);

    private static string Text(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }
}
