
namespace Pgb.Pipeline;

/// <summary>What to package: a www folder and the config.xml to put at the archive root.</summary>
public sealed class PgbPackageRequest
{
    public string WwwDirectory { get; set; } = "www";

    /// <summary>A config.xml outside www (the Cordova layout); when null, www/config.xml is used if present.</summary>
    public string? ConfigXml { get; set; }

    /// <summary>The zip to write; replaced atomically.</summary>
    public string OutputPath { get; set; } = "app.zip";
}

public sealed class PgbPackageResult(string archivePath, int entryCount, long length, bool hasConfigXml, string? replacedConfigXml = null)
{
    public string ArchivePath { get; } = archivePath;
    public int EntryCount { get; } = entryCount;
    public long Length { get; } = length;

    /// <summary>False when neither a separate config.xml nor www/config.xml was found.</summary>
    public bool HasConfigXml { get; } = hasConfigXml;

    public string? ReplacedConfigXml { get; } = replacedConfigXml;
}

/// <summary>
/// Zips a www folder deterministically: the same files give the same bytes whatever the file system's
/// order, the clock or the time zone (entries sorted by ordinal path, '/' separators, a fixed time),
/// so an unchanged app uploads an unchanged archive. What is taken from www is <see cref="WwwFiles"/>'s
/// policy. The zip is streamed to a temporary file and renamed.
/// </summary>
public static class PgbPackager
{
    public static async Task<PgbPackageResult> PackageAsync(PgbPackageRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var output = Path.GetFullPath(request.OutputPath);
        var entries = CollectEntries(request, output, cancellationToken, out var hasConfigXml, out var replacedConfigXml);
        var temporary = PgbFiles.TemporaryNameFor(output);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
            {
                await DeterministicZipWriter.WriteAsync(stream, entries, cancellationToken).ConfigureAwait(false);
            }

            PgbFiles.MoveIntoPlace(temporary, output);
            return new PgbPackageResult(output, entries.Count, new FileInfo(output).Length, hasConfigXml, replacedConfigXml);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new PgbPipelineException(PgbErrorCodes.ArchiveWriteFailed, Strings.ArchiveWriteFailed.F(output, ex.Message), ex);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The archive's entries, sorted by name; the archive itself is never one of them.</summary>
    internal static IReadOnlyList<WwwFile> CollectEntries(PgbPackageRequest request, string output, CancellationToken cancellationToken,
        out bool hasConfigXml, out string? replacedConfigXml)
    {
        CheckWwwDirectory(request.WwwDirectory);
        CheckConfigXml(request.ConfigXml);
        var www = Path.GetFullPath(request.WwwDirectory);
        var config = string.IsNullOrEmpty(request.ConfigXml) ? null : Path.GetFullPath(request.ConfigXml);

        replacedConfigXml = null;
        var entries = new List<WwwFile>();
        foreach (var file in WwwFiles.Collect(www, output, cancellationToken))
        {
            // A separate config.xml replaces the one inside www: the archive root holds exactly one (and the
            // server reads it case-insensitively, so Config.xml would compete with it too).
            if (config is not null && string.Equals(file.Name, "config.xml", StringComparison.OrdinalIgnoreCase))
            {
                // Named only when it is another file: --config www/config.xml replaces nothing.
                if (!string.Equals(file.Path, SymbolicLinks.RealPath(config), SymbolicLinks.PathComparison))
                {
                    replacedConfigXml = Path.Combine(www, file.Name);
                }

                continue;
            }

            entries.Add(file);
        }

        if (config is not null)
        {
            try
            {
                // The real file: a link's own length is that of the path it holds.
                var real = SymbolicLinks.RealPath(config);
                entries.Add(new WwwFile("config.xml", real, new FileInfo(real).Length));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw WwwFiles.ReadFailed(config, ex);
            }
        }

        if (entries.Count == 0)
        {
            throw new PgbPipelineException(PgbErrorCodes.WwwDirectoryEmpty, Strings.WwwDirectoryEmpty.F(request.WwwDirectory));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        hasConfigXml = entries.Exists(e => e.Name == "config.xml");
        return entries;
    }

    /// <summary>PGB1003 unless <paramref name="wwwDirectory"/> is an existing folder.</summary>
    public static void CheckWwwDirectory(string wwwDirectory)
    {
        if (!Directory.Exists(wwwDirectory))
        {
            throw new PgbPipelineException(PgbErrorCodes.WwwDirectoryNotFound, Strings.WwwDirectoryNotFound.F(wwwDirectory));
        }
    }

    /// <summary>PGB1004 when a config.xml is given (not null or empty) and is not an existing file.</summary>
    public static void CheckConfigXml(string? configXml)
    {
        if (!string.IsNullOrEmpty(configXml) && !File.Exists(configXml))
        {
            throw new PgbPipelineException(PgbErrorCodes.ConfigXmlNotFound, Strings.ConfigXmlNotFound.F(configXml!));
        }
    }

    /// <summary>The path inside the zip: relative, '/'-separated, never rooted and never climbing out with '..'.</summary>
    internal static string EntryName(string root, string file)
    {
        var relative = file.Substring(root.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var name = relative.Replace('\\', '/');
        var segments = name.Split('/');
        if (name.Length == 0 || Path.IsPathRooted(relative) || segments.Any(s => s == ".." || s == "." || s.Length == 0))
        {
            throw new PgbPipelineException(PgbErrorCodes.ArchiveWriteFailed, Strings.ArchiveWriteFailed.F(file, Strings.EntryOutsideWww));
        }

        return name;
    }
}
