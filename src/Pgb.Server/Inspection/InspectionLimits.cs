namespace Pgb.Server.Inspection;

/// <summary>The fixed budgets within which the server reads what clients give it to inspect: uploaded sources (their
/// config.xml and the icon it names), uploaded icons, and the checkouts of repository-backed apps. Each is
/// far above what a real app needs (a Cordova config.xml is a few KB and a handful of levels deep) and far below what
/// could hurt the process. docs/server.md ("Security") lists them.</summary>
internal sealed record InspectionLimits
{
    public static readonly InspectionLimits Default = new();

    /// <summary>config.xml, once inflated.</summary>
    public long MaxConfigXmlBytes { get; init; } = 1024 * 1024;

    /// <summary>Nesting of elements in config.xml (the widget element is level 1).</summary>
    public int MaxXmlDepth { get; init; } = 64;

    /// <summary>An icon, once inflated from an archive or as uploaded.</summary>
    public long MaxIconBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Entries in one archive (files and folders): an index of millions of entries costs memory before any
    /// of them is read.</summary>
    public int MaxEntries { get; init; } = 100_000;

    /// <summary>A zip's central directory (the index of its entries, names included): read whole by <c>ZipArchive</c>,
    /// so capped. A real app's is a few MB at most.</summary>
    public long MaxZipDirectoryBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Bytes inflated while inspecting one archive in all. Only a tar.gz needs more than the config.xml and
    /// icon caps: its entries can only be reached by inflating everything before them.</summary>
    public long MaxInflatedBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>A tar entry's long name (GNU) or extended header (PAX): held in memory, so capped.</summary>
    public int MaxTarHeaderBytes { get; init; } = 64 * 1024;
}
