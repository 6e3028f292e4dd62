namespace Pgb.Pipeline;

/// <summary>
/// The zip CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), slicing by 8 bytes. System.IO.Hashing has
/// one but is not available to this netstandard2.0 library here, and ZipArchive keeps its own internal.
/// </summary>
internal sealed class Crc32
{
    private static readonly uint[] Table = CreateTable();
    private uint _state = 0xFFFFFFFFu;

    public uint Value => ~_state;

    public void Append(byte[] buffer, int offset, int count)
    {
        var crc = _state;
        var i = offset;
        var end = offset + count;
        for (; end - i >= 8; i += 8)
        {
            var one = (buffer[i] | (uint)buffer[i + 1] << 8 | (uint)buffer[i + 2] << 16 | (uint)buffer[i + 3] << 24) ^ crc;
            var two = buffer[i + 4] | (uint)buffer[i + 5] << 8 | (uint)buffer[i + 6] << 16 | (uint)buffer[i + 7] << 24;
            crc = Table[(7 * 256) + (one & 0xFF)] ^ Table[(6 * 256) + ((one >> 8) & 0xFF)]
                ^ Table[(5 * 256) + ((one >> 16) & 0xFF)] ^ Table[(4 * 256) + (one >> 24)]
                ^ Table[(3 * 256) + (two & 0xFF)] ^ Table[(2 * 256) + ((two >> 8) & 0xFF)]
                ^ Table[256 + ((two >> 16) & 0xFF)] ^ Table[two >> 24];
        }

        for (; i < end; i++)
            crc = Table[(crc ^ buffer[i]) & 0xFF] ^ (crc >> 8);
        _state = crc;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }

        for (var slice = 1; slice < 8; slice++)
        {
            for (var n = 0; n < 256; n++)
            {
                var previous = table[((slice - 1) * 256) + n];
                table[(slice * 256) + n] = (previous >> 8) ^ table[previous & 0xFF];
            }
        }

        return table;
    }
}
