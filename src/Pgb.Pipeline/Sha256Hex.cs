using System.Globalization;
using System.Security.Cryptography;

namespace Pgb.Pipeline;

/// <summary>
/// SHA-256 in lower-case hex: how the pipeline names contents it must recognise later (the icon last uploaded, a
/// key's title; see <see cref="PgbPipeline.SetIconIfChangedAsync"/> and <see cref="PgbKeyFiles.ContentTitle"/>).
/// </summary>
internal static class Sha256Hex
{
    /// <summary>The hash of a whole file, streamed.</summary>
    public static string OfFile(string path)
    {
        using var sha = SHA256.Create();
        using var stream = File.OpenRead(path);
        return Format(sha.ComputeHash(stream));
    }

    /// <summary>Hash bytes (or the first of them) as text.</summary>
    public static string Format(IEnumerable<byte> hash) => string.Concat(hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
}
