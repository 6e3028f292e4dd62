using System.IO.Compression;
using System.Text;

namespace Pgb.EndToEnd.Tests;

/// <summary>The text a binary log holds: it is a gzip stream whose strings are stored as UTF-8.</summary>
internal static class BinaryLogText
{
    public static string Read(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        var bytes = buffer.ToArray();
        // Read both ways: a secret would show in either encoding.
        return Encoding.UTF8.GetString(bytes) + "\n" + Encoding.Unicode.GetString(bytes);
    }
}
