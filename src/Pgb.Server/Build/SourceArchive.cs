using System.IO.Compression;
using Pgb.Server.Inspection;

namespace Pgb.Server.Build;

/// <summary>What an upload turned out to be, and what the server took from it.</summary>
internal sealed record SourceInfo(string Kind, ConfigXml? Config, string? IconFileName, byte[]? Icon, string? Problem);

/// <summary>Reads uploads the way the Write API allows them: a zip, a tar.gz, or a lone index.html. The kind is
/// sniffed from the bytes (clients name files freely). config.xml is looked for at the archive root, then in
/// <c>www/</c>, then in a single top-level folder (archives made by zipping the project folder itself). Everything is
/// read within an <see cref="InspectionBudget"/>: of a zip, only the config.xml that counts and the icon it names are
/// inflated, each within its cap; a tar.gz is streamed, never held inflated.</summary>
internal static class SourceArchive
{
    public const string Zip = "zip";
    public const string TarGz = "tar.gz";
    public const string Html = "html";

    private const string ConfigFileName = "config.xml";

    /// <exception cref="BudgetExceededException">the upload goes over one of <paramref name="limits"/>.</exception>
    public static SourceInfo Inspect(byte[] bytes, InspectionLimits limits)
    {
        var kind = Sniff(bytes);
        if (kind == Html)
        {
            return new SourceInfo(kind, null, null, null, null);
        }

        var budget = new InspectionBudget(limits);
        try
        {
            return kind == Zip ? InspectZip(bytes, budget) : InspectTarGz(bytes, budget);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or IOException)
        {
            // The real service took such uploads and failed the builds with this message.
            return new SourceInfo(kind, null, null, null, "invalid widget archive");
        }
    }

    private static SourceInfo InspectZip(byte[] bytes, InspectionBudget budget)
    {
        ZipDirectory.CheckEntryCount(bytes, budget.Limits);
        using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        var files = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            var name = Normalize(entry.FullName);
            if (!name.EndsWith('/'))
            {
                files.TryAdd(name, entry);
            }
        }

        var configPath = files.Keys.Where(IsConfigCandidate).MinBy(ConfigRank, ConfigRankComparer.Instance);
        if (configPath is null)
        {
            return new SourceInfo(Zip, null, null, null, null);
        }

        var config = ConfigXml.TryParse(Read(files[configPath], budget.Limits.MaxConfigXmlBytes, configPath), budget.Limits, configPath);
        if (IconPath(configPath, config) is not { } iconPath)
        {
            return new SourceInfo(Zip, config, null, null, null);
        }

        var icon = files.TryGetValue(iconPath, out var iconEntry) ? Read(iconEntry, budget.Limits.MaxIconBytes, "the icon " + iconPath) : null;
        return new SourceInfo(Zip, config, icon is null ? null : Path.GetFileName(iconPath), icon, null);
    }

    /// <summary>A tar.gz can only be read front to back: one pass keeps the best config.xml candidate seen so far (each
    /// read within its cap), and a second pass, when config.xml names an icon, looks for that file.</summary>
    private static SourceInfo InspectTarGz(byte[] bytes, InspectionBudget budget)
    {
        string? configPath = null;
        byte[]? configBytes = null;
        BudgetExceededException? configTooLarge = null;
        ForEachTarFile(bytes, budget, tar =>
        {
            var name = Normalize(tar.Name);
            if (!IsConfigCandidate(name) || (configPath is not null && ConfigRankComparer.Instance.Compare(ConfigRank(name), ConfigRank(configPath)) >= 0))
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
        if (configPath is null)
        {
            return new SourceInfo(TarGz, null, null, null, null);
        }

        var config = ConfigXml.TryParse(configBytes ?? throw configTooLarge!, budget.Limits, configPath);
        if (IconPath(configPath, config) is not { } iconPath)
        {
            return new SourceInfo(TarGz, config, null, null, null);
        }

        byte[]? icon = null;
        ForEachTarFile(bytes, budget, tar =>
        {
            if (Normalize(tar.Name) != iconPath)
            {
                return false;
            }

            icon = tar.ReadContent(budget.Limits.MaxIconBytes, "the icon " + iconPath);
            return true;
        });
        return new SourceInfo(TarGz, config, icon is null ? null : Path.GetFileName(iconPath), icon, null);
    }

    /// <summary>Calls <paramref name="visit"/> on each regular file until it returns true.</summary>
    private static void ForEachTarFile(byte[] bytes, InspectionBudget budget, Func<TarFileReader, bool> visit)
    {
        using var inflated = budget.Meter(new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress));
        var tar = new TarFileReader(inflated, budget);
        while (tar.MoveNext() && !visit(tar))
        {
        }
    }

    /// <summary>The icon config.xml names, as a path in the archive (relative to config.xml's folder), if any.</summary>
    private static string? IconPath(string configPath, ConfigXml? config)
    {
        if (config?.MainIcon is not { } icon)
        {
            return null;
        }

        var baseDir = configPath[..^ConfigFileName.Length];
        return Normalize(baseDir + icon.Src);
    }

    /// <summary>config.xml at the root or one folder down.</summary>
    private static bool IsConfigCandidate(string name) =>
        (name == ConfigFileName || name.EndsWith("/" + ConfigFileName, StringComparison.Ordinal)) && name.Count(c => c == '/') <= 1;

    /// <summary>The root first, then <c>www/</c>, then any other folder, by name.</summary>
    private static (int Rank, string Name) ConfigRank(string name) => (name == ConfigFileName ? 0 : name == "www/" + ConfigFileName ? 1 : 2, name);

    private static byte[] Read(ZipArchiveEntry entry, long maxBytes, string what)
    {
        using var stream = entry.Open();
        return InspectionBudget.ReadAtMost(stream, maxBytes, what);
    }

    private static string Sniff(byte[] bytes)
    {
        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && (bytes[2] == 3 || bytes[2] == 5) && (bytes[3] == 4 || bytes[3] == 6))
        {
            return Zip;
        }

        return bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b ? TarGz : Html;
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

    private sealed class ConfigRankComparer : IComparer<(int Rank, string Name)>
    {
        public static readonly ConfigRankComparer Instance = new();

        public int Compare((int Rank, string Name) x, (int Rank, string Name) y) =>
            x.Rank != y.Rank ? x.Rank.CompareTo(y.Rank) : string.CompareOrdinal(x.Name, y.Name);
    }
}
