using System.Formats.Tar;
using System.IO.Compression;

namespace Pgb.Server.Build;

/// <summary>What an upload turned out to be, and what the server took from it.</summary>
internal sealed record SourceInfo(string Kind, ConfigXml? Config, string? IconFileName, byte[]? Icon, string? Problem);

/// <summary>Reads uploads the way the Write API allows them: a zip, a tar.gz, or a lone index.html. The kind is
/// sniffed from the bytes (clients name files freely). config.xml is looked for at the archive root, then in
/// <c>www/</c>, then in a single top-level folder (archives made by zipping the project folder itself).</summary>
internal static class SourceArchive
{
    public const string Zip = "zip";
    public const string TarGz = "tar.gz";
    public const string Html = "html";

    public static SourceInfo Inspect(byte[] bytes)
    {
        var kind = Sniff(bytes);
        if (kind == Html)
        {
            return new SourceInfo(kind, null, null, null, null);
        }

        try
        {
            var configs = ReadEntries(bytes, kind, name => name.EndsWith("config.xml", StringComparison.OrdinalIgnoreCase) && name.Count(c => c == '/') <= 1);
            var configPath = new[] { "config.xml", "www/config.xml" }.FirstOrDefault(configs.ContainsKey)
                ?? configs.Keys.Where(k => k.EndsWith("/config.xml", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).FirstOrDefault();
            if (configPath is null)
            {
                return new SourceInfo(kind, null, null, null, null);
            }

            var config = ConfigXml.TryParse(configs[configPath]);
            var icon = config?.MainIcon;
            if (icon is null)
            {
                return new SourceInfo(kind, config, null, null, null);
            }

            var baseDir = configPath.Length > "config.xml".Length ? configPath[..^"config.xml".Length] : string.Empty;
            var iconPath = Normalize(baseDir + icon.Src);
            var iconBytes = ReadEntries(bytes, kind, name => name == iconPath).GetValueOrDefault(iconPath);
            return new SourceInfo(kind, config, iconBytes is null ? null : Path.GetFileName(iconPath), iconBytes, null);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or IOException)
        {
            // The real service took such uploads and failed the builds with this message.
            return new SourceInfo(kind, null, null, null, "invalid widget archive");
        }
    }

    private static string Sniff(byte[] bytes)
    {
        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && (bytes[2] == 3 || bytes[2] == 5) && (bytes[3] == 4 || bytes[3] == 6))
        {
            return Zip;
        }

        return bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b ? TarGz : Html;
    }

    private static Dictionary<string, byte[]> ReadEntries(byte[] bytes, string kind, Func<string, bool> wanted)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (kind == Zip)
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                var name = Normalize(entry.FullName);
                if (!name.EndsWith('/') && wanted(name) && !found.ContainsKey(name))
                {
                    using var stream = entry.Open();
                    found[name] = ReadAll(stream);
                }
            }

            return found;
        }

        using var gzip = new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            var name = Normalize(entry.Name);
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is not null && wanted(name) && !found.ContainsKey(name))
            {
                found[name] = ReadAll(entry.DataStream);
            }
        }

        return found;
    }

    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts) + (path.EndsWith('/') ? "/" : string.Empty);
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
