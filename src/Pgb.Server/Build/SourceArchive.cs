using System.IO.Compression;
using System.IO.Hashing;
using System.Text.Unicode;

namespace Pgb.Server.Build;

/// <summary>What an upload turned out to be, and what the server took from it.</summary>
internal sealed record SourceInfo(string Kind, ConfigXml? Config, string? IconFileName, byte[]? Icon);

/// <summary>Reads uploads the way the Write API allows them: a zip, a tar.gz, or a lone index.html, sniffed from the bytes
/// (clients name files freely); anything else, an empty file or an archive that cannot be read whole is a 400 with what is
/// wrong, where the service took it and failed its builds. config.xml is looked for at the archive root, then in
/// <c>www/</c>, then in a single top-level folder (archives made by zipping the project folder itself). Everything is read
/// within an <see cref="InspectionBudget"/>: the config.xml that counts and the icon it names are read whole, each within
/// its cap; every other file is inflated once, as a stream (a zip's entries are checked against their CRC-32, which the
/// BCL's reader does not do), counted against the budget and dropped, so what is accepted can always be packaged.</summary>
internal static class SourceArchive
{
    public const string Zip = "zip";
    public const string TarGz = "tar.gz";
    public const string Html = "html";

    private const string NoFile = "it holds no file";

    /// <exception cref="BudgetExceededException">the upload goes over one of <paramref name="limits"/>.</exception>
    /// <exception cref="ApiException">the upload is empty, of an unsupported kind, or cannot be read (400).</exception>
    public static SourceInfo Inspect(byte[] bytes, InspectionLimits limits)
    {
        var kind = Sniff(bytes);
        if (kind == Html)
        {
            return new SourceInfo(kind, null, null, null);
        }

        var budget = new InspectionBudget(limits);
        try
        {
            return kind == Zip ? InspectZip(bytes, budget) : InspectTarGz(bytes, budget);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or IOException or NotSupportedException)
        {
            throw ServerErrors.UnreadableUpload(kind, e.Message);
        }
    }

    /// <summary>zip, tar.gz or html (a text file: UTF-8 without NUL bytes), from the first bytes.</summary>
    /// <exception cref="ApiException">the upload is empty or none of the three.</exception>
    public static string Sniff(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            throw ServerErrors.EmptyUpload();
        }

        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && (bytes[2] == 3 || bytes[2] == 5) && (bytes[3] == 4 || bytes[3] == 6))
        {
            return Zip;
        }

        if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
        {
            return TarGz;
        }

        return !bytes.AsSpan().Contains((byte)0) && Utf8.IsValid(bytes) ? Html : throw ServerErrors.UnsupportedUpload(bytes);
    }

    /// <summary>Calls <paramref name="visit"/> on each regular file of a zip (name normalized), in the archive's order.</summary>
    public static void ForEachZipFile(ZipArchive zip, Action<string, ZipArchiveEntry> visit)
    {
        foreach (var entry in zip.Entries)
        {
            var name = WwwLayout.Normalize(entry.FullName);
            if (name.Length > 0 && !name.EndsWith('/'))
            {
                visit(name, entry);
            }
        }
    }

    /// <summary>Calls <paramref name="visit"/> on each regular file of a tar.gz until it returns true.</summary>
    public static void ForEachTarFile(byte[] bytes, InspectionBudget budget, Func<TarFileReader, bool> visit)
    {
        using var inflated = budget.Meter(new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress));
        var tar = new TarFileReader(inflated, budget);
        while (tar.MoveNext() && !visit(tar))
        {
        }
    }

    /// <summary>The entry's bytes as inflated, counted against the budget, failing past <paramref name="maxBytes"/>.</summary>
    public static byte[] Read(ZipArchiveEntry entry, InspectionBudget budget, long maxBytes, string what)
    {
        using var stream = budget.Meter(entry.Open());
        return InspectionBudget.ReadAtMost(stream, maxBytes, what);
    }

    private static SourceInfo InspectZip(byte[] bytes, InspectionBudget budget)
    {
        ZipDirectory.CheckEntryCount(bytes, budget.Limits);
        using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        var files = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        ForEachZipFile(zip, (name, entry) => files.TryAdd(name, entry));
        if (files.Count == 0)
        {
            throw new InvalidDataException(NoFile);
        }

        ConfigXml? config = null;
        string? iconFileName = null;
        byte[]? icon = null;
        var configPath = files.Keys.Where(WwwLayout.IsConfigCandidate).Order(WwwLayout.ConfigRankComparer.Instance).FirstOrDefault();
        if (configPath is not null)
        {
            config = ConfigXml.TryParse(ReadAtMost(files[configPath], budget.Limits.MaxConfigXmlBytes, configPath), budget.Limits, configPath);
            if (IconPath(configPath, config) is { } iconPath && files.TryGetValue(iconPath, out var iconEntry))
            {
                icon = ReadAtMost(iconEntry, budget.Limits.MaxIconBytes, "the icon " + iconPath);
                iconFileName = Path.GetFileName(iconPath);
            }
        }

        // Then every file once, so that a damaged entry is found now rather than by the build that packages it.
        var chunk = new byte[81920];
        foreach (var entry in zip.Entries)
        {
            try
            {
                using var stream = budget.Meter(entry.Open());
                var crc = new Crc32();
                int read;
                while ((read = stream.Read(chunk)) > 0)
                {
                    crc.Append(chunk.AsSpan(0, read));
                }

                if (crc.GetCurrentHashAsUInt32() != entry.Crc32)
                {
                    throw new InvalidDataException("its CRC-32 does not match");
                }
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"the entry {entry.FullName} is damaged ({e.Message.TrimEnd('.')})", e);
            }
        }

        return new SourceInfo(Zip, config, iconFileName, icon);
    }

    /// <summary>A tar.gz can only be read front to back: one pass (which inflates everything, within the budget) keeps the
    /// best config.xml candidate seen so far (each read within its cap), and a second pass, when config.xml names an icon,
    /// looks for that file.</summary>
    private static SourceInfo InspectTarGz(byte[] bytes, InspectionBudget budget)
    {
        string? configPath = null;
        byte[]? configBytes = null;
        BudgetExceededException? configTooLarge = null;
        var count = 0;
        ForEachTarFile(bytes, budget, tar =>
        {
            count++;
            var name = WwwLayout.Normalize(tar.Name);
            if (!WwwLayout.IsConfigCandidate(name) || (configPath is not null && WwwLayout.ConfigRankComparer.Instance.Compare(name, configPath) >= 0))
            {
                return false;
            }

            configPath = name;
            try
            {
                (configBytes, configTooLarge) = (tar.ReadContent(budget.Limits.MaxConfigXmlBytes, name), null);
            }
            catch (BudgetExceededException e)
            {
                // Only an error if this one is still the best when the pass ends.
                (configBytes, configTooLarge) = (null, e);
            }

            return false;
        });
        if (count == 0)
        {
            // Also what a gzip stream cut short inflates to.
            throw new InvalidDataException(NoFile);
        }

        if (configPath is null)
        {
            return new SourceInfo(TarGz, null, null, null);
        }

        var config = ConfigXml.TryParse(configBytes ?? throw configTooLarge!, budget.Limits, configPath);
        if (IconPath(configPath, config) is not { } iconPath)
        {
            return new SourceInfo(TarGz, config, null, null);
        }

        byte[]? icon = null;
        ForEachTarFile(bytes, new InspectionBudget(budget.Limits), tar =>
        {
            if (WwwLayout.Normalize(tar.Name) != iconPath)
            {
                return false;
            }

            icon = tar.ReadContent(budget.Limits.MaxIconBytes, "the icon " + iconPath);
            return true;
        });
        return new SourceInfo(TarGz, config, icon is null ? null : Path.GetFileName(iconPath), icon);
    }

    /// <summary>The icon config.xml names, as a path in the archive (relative to config.xml's folder), if any.</summary>
    private static string? IconPath(string configPath, ConfigXml? config) =>
        config?.MainIcon is { } icon ? WwwLayout.Normalize(configPath[..^WwwLayout.ConfigFileName.Length] + icon.Src) : null;

    /// <summary>config.xml and the icon are read apart from the budget's count: they are capped on their own.</summary>
    private static byte[] ReadAtMost(ZipArchiveEntry entry, long maxBytes, string what)
    {
        using var stream = entry.Open();
        return InspectionBudget.ReadAtMost(stream, maxBytes, what);
    }
}
