using System.Security.Cryptography;

namespace Pgb.Client;

/// <summary>Saves a small answer (an icon) the way downloads are saved: under a temporary name beside the destination, then renamed.</summary>
internal static class PgbFileWriter
{
    public static PgbDownloadResult Save(string destinationPath, byte[] bytes, Uri source)
    {
        var fullPath = Path.GetFullPath(destinationPath);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            if (File.Exists(fullPath))
            {
                File.Replace(temporary, fullPath, null);
            }
            else
            {
                File.Move(temporary, fullPath);
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(bytes);
        return new PgbDownloadResult(fullPath, bytes.LongLength, string.Concat(hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))), source);
    }
}
