using System.Buffers.Binary;

namespace Pgb.Server.Inspection;

/// <summary>Counts a zip's entries from its central directory without materializing them. <c>ZipArchive</c> builds an
/// object per entry before any entry can be read, so a small upload of millions of empty entries would cost gigabytes
/// first; walking the directory records here costs nothing but the walk, and stops at the budget.</summary>
internal static class ZipDirectory
{
    private const uint EndOfDirectorySignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndOfDirectorySignature = 0x06064b50;
    private const uint FileHeaderSignature = 0x02014b50;
    private const int EndOfDirectoryLength = 22;
    private const int FileHeaderLength = 46;

    /// <summary>Fails with a <see cref="BudgetExceededException"/> when the zip announces, or its directory holds, more
    /// than <see cref="InspectionLimits.MaxEntries"/> entries, or a directory larger than
    /// <see cref="InspectionLimits.MaxZipDirectoryBytes"/> (long names cost memory too). A zip whose directory cannot be
    /// found is left to <c>ZipArchive</c> to refuse.</summary>
    public static void CheckEntryCount(ReadOnlySpan<byte> zip, InspectionLimits limits)
    {
        if (FindDirectory(zip) is not var (announced, start))
        {
            return;
        }

        if (announced > (ulong)limits.MaxEntries)
        {
            throw InspectionBudget.TooManyEntries(limits.MaxEntries);
        }

        // ZipArchive reads records from the start for as long as they carry the signature, whatever the count says.
        var position = start;
        var count = 0;
        while (position >= 0 && position <= zip.Length - FileHeaderLength
            && BinaryPrimitives.ReadUInt32LittleEndian(zip[(int)position..]) == FileHeaderSignature)
        {
            if (++count > limits.MaxEntries)
            {
                throw InspectionBudget.TooManyEntries(limits.MaxEntries);
            }

            var record = zip[(int)position..];
            position += FileHeaderLength
                + BinaryPrimitives.ReadUInt16LittleEndian(record[28..])
                + BinaryPrimitives.ReadUInt16LittleEndian(record[30..])
                + BinaryPrimitives.ReadUInt16LittleEndian(record[32..]);
            if (position - start > limits.MaxZipDirectoryBytes)
            {
                throw InspectionBudget.TooLarge("the upload's index of entries", limits.MaxZipDirectoryBytes);
            }
        }
    }

    /// <summary>The entry count the end records announce and where the directory starts, or null when there is no end
    /// record (not a zip this server can read).</summary>
    private static (ulong Announced, long Start)? FindDirectory(ReadOnlySpan<byte> zip)
    {
        // The end record is the last 22 bytes plus a comment of up to 65,535 bytes.
        var lowest = Math.Max(0, zip.Length - EndOfDirectoryLength - ushort.MaxValue);
        for (var end = zip.Length - EndOfDirectoryLength; end >= lowest; end--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip[end..]) != EndOfDirectorySignature)
            {
                continue;
            }

            ulong announced = BinaryPrimitives.ReadUInt16LittleEndian(zip[(end + 10)..]);
            long start = BinaryPrimitives.ReadUInt32LittleEndian(zip[(end + 16)..]);
            var locator = end - 20;
            if ((announced == ushort.MaxValue || start == uint.MaxValue) && locator >= 0
                && BinaryPrimitives.ReadUInt32LittleEndian(zip[locator..]) == Zip64LocatorSignature)
            {
                var zip64End = BinaryPrimitives.ReadUInt64LittleEndian(zip[(locator + 8)..]);
                if (zip64End <= (ulong)(zip.Length - 56)
                    && BinaryPrimitives.ReadUInt32LittleEndian(zip[(int)zip64End..]) == Zip64EndOfDirectorySignature)
                {
                    announced = BinaryPrimitives.ReadUInt64LittleEndian(zip[((int)zip64End + 32)..]);
                    start = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(zip[((int)zip64End + 48)..]), long.MaxValue);
                }
            }

            return (announced, start);
        }

        return null;
    }
}
