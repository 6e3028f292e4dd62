using System.Formats.Tar;

namespace Pgb.Server.Tests;

/// <summary>tar.gz uploads: well-formed ones through <see cref="TarWriter"/>, and hostile ones written header by header
/// (a long-name or PAX header claiming a size its few bytes do not have).</summary>
internal static class TarBuilder
{
    public static byte[] TarGz(params (string Name, byte[] Content)[] files)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            foreach (var (name, content) in files)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
            }
        }

        return output.ToArray();
    }

    /// <summary>A tar.gz of one header of <paramref name="type"/> announcing <paramref name="size"/> bytes, followed by
    /// <paramref name="padding"/> zero bytes.</summary>
    public static byte[] HostileHeader(char type, long size, int padding = 4096)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Header("././@LongLink", type, size));
            gzip.Write(new byte[padding]);
        }

        return output.ToArray();
    }

    public static byte[] Header(string name, char type, long size)
    {
        var header = new byte[512];
        Encoding.ASCII.GetBytes(name).CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 116);
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        Encoding.ASCII.GetBytes("00000000000\0").CopyTo(header, 136);
        header[156] = (byte)type;
        Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(header, 257);
        Array.Fill(header, (byte)' ', 148, 8);
        var sum = header.Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        return header;
    }
}
