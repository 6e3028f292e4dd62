namespace Pgb.Server.Build;

/// <summary>Where an app's www and its config.xml are in a source (an upload or a repository checkout), given the paths of
/// its files ('/'-separated, normalized), and which files a build packages. The layouts PhoneGap Build took:
/// <list type="bullet">
/// <item>a www: index.html (and usually config.xml) at the root, as <c>pgb pack</c> and PhoneGap Build's docs make it;</item>
/// <item>a Cordova project: config.xml and a www/ folder at the root (the www is the folder, config.xml stays beside it);</item>
/// <item>either inside <c>www/</c> or a single top-level folder (a zip of the project folder itself).</item>
/// </list>
/// A folder holding a <c>.pgbomit</c> file is left out of the package with everything in it, as the hosted service did
/// ("none of those files will be included in the binary app package"), and the marker files never are; such folders stay
/// in the stored source, where config.xml may name icons in them. The www root itself is never left out.</summary>
internal sealed class WwwLayout
{
    public const string ConfigFileName = "config.xml";
    public const string OmitMarker = ".pgbomit";

    private readonly HashSet<string> _omittedFolders;

    private WwwLayout(string wwwPrefix, string? configPath, HashSet<string> omittedFolders)
    {
        WwwPrefix = wwwPrefix;
        ConfigPath = configPath;
        _omittedFolders = omittedFolders;
    }

    /// <summary>The folder holding the www, "" or ending in '/'.</summary>
    public string WwwPrefix { get; }

    /// <summary>The config.xml that counts, or null.</summary>
    public string? ConfigPath { get; }

    public static WwwLayout Find(IReadOnlyCollection<string> files)
    {
        var set = files as ISet<string> ?? new HashSet<string>(files, StringComparer.Ordinal);
        var configPath = files.Where(IsConfigCandidate).Order(ConfigRankComparer.Instance).FirstOrDefault();
        string www;
        if (configPath is not null)
        {
            var folder = configPath[..^ConfigFileName.Length];
            www = !set.Contains(folder + "index.html") && files.Any(f => f.StartsWith(folder + "www/", StringComparison.Ordinal)) ? folder + "www/" : folder;
        }
        else
        {
            var tops = files.Select(f => f.IndexOf('/') is var slash and > 0 ? f[..(slash + 1)] : string.Empty).Distinct().ToList();
            www = set.Contains("index.html") ? string.Empty
                : set.Contains("www/index.html") ? "www/"
                : tops is [{ Length: > 0 } only] && set.Contains(only + "index.html") ? only
                : string.Empty;
        }

        var omitted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.StartsWith(www, StringComparison.Ordinal) && file.EndsWith("/" + OmitMarker, StringComparison.Ordinal))
            {
                omitted.Add(file[..^OmitMarker.Length]);
            }
        }

        return new WwwLayout(www, configPath, omitted);
    }

    /// <summary>The file's path inside the www, or null when the package leaves it out: outside the www, the config.xml
    /// (packaged beside the www), a <c>.pgbomit</c> marker, or under a folder holding one.</summary>
    public string? InWww(string path)
    {
        if (!path.StartsWith(WwwPrefix, StringComparison.Ordinal) || path == ConfigPath || path.EndsWith('/'))
        {
            return null;
        }

        var relative = path[WwwPrefix.Length..];
        if (relative == OmitMarker || relative.EndsWith("/" + OmitMarker, StringComparison.Ordinal))
        {
            return null;
        }

        for (var slash = path.IndexOf('/', WwwPrefix.Length); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            if (_omittedFolders.Contains(path[..(slash + 1)]))
            {
                return null;
            }
        }

        return relative;
    }

    /// <summary>config.xml at the root or one folder down.</summary>
    public static bool IsConfigCandidate(string name) =>
        (name == ConfigFileName || name.EndsWith("/" + ConfigFileName, StringComparison.Ordinal)) && name.Count(c => c == '/') <= 1;

    /// <summary>An archive's path as a '/'-separated relative path: '\' read as '/', "." and empty segments dropped, ".."
    /// climbing no higher than the root. A trailing '/' (a folder entry) is kept.</summary>
    public static string Normalize(string path)
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

        return string.Join('/', parts) + (path.EndsWith('/') && parts.Count > 0 ? "/" : string.Empty);
    }

    /// <summary>The root first, then <c>www/</c>, then any other folder, by name.</summary>
    public sealed class ConfigRankComparer : IComparer<string>
    {
        public static readonly ConfigRankComparer Instance = new();

        public int Compare(string? x, string? y) => (Rank(x!), Rank(y!)) switch
        {
            var (a, b) when a != b => a.CompareTo(b),
            _ => string.CompareOrdinal(x, y),
        };

        private static int Rank(string name) => name == ConfigFileName ? 0 : name == "www/" + ConfigFileName ? 1 : 2;
    }
}
