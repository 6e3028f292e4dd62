namespace Pgb.Pipeline;

/// <summary>
/// Where an app's contents come from when <c>pgb app new</c> or <c>app update</c> sends them: a www folder (packaged
/// as <c>pgb build</c> packages it), an archive or index.html sent as it is, a repository URL, or, for an update, a pull
/// of the app's repository. At most one is set; none sends metadata only.
/// </summary>
public sealed class PgbAppSource
{
    /// <summary>A folder to package (with <see cref="ConfigXml"/> at the archive root when given).</summary>
    public string? WwwDirectory { get; set; }

    public string? ConfigXml { get; set; }

    /// <summary>A zip, tar.gz or index.html to upload as it is.</summary>
    public string? File { get; set; }

    /// <summary>A public repository: the app is created repo-backed.</summary>
    public string? Repo { get; set; }

    /// <summary>An update of a repo-backed app: the service pulls its repository again.</summary>
    public bool Pull { get; set; }

    /// <summary>Where a packaged www is written for the upload (deleted after it); the system's temporary folder when null.</summary>
    public string? TemporaryFolder { get; set; }

    /// <summary>
    /// A source given as one word, the way the official CLI took it (<c>pgb new SOURCE</c>): an http(s), git or ssh URL is
    /// a repository, an existing folder is www, anything else a file.
    /// </summary>
    public static PgbAppSource FromArgument(string source)
    {
        var text = (source ?? string.Empty).Trim();
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("git@", StringComparison.OrdinalIgnoreCase) || text.StartsWith("git://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase))
        {
            return new PgbAppSource { Repo = text };
        }

        return Directory.Exists(text) ? new PgbAppSource { WwwDirectory = Path.GetFullPath(text) } : new PgbAppSource { File = Path.GetFullPath(text) };
    }

    internal int Count => (WwwDirectory is null ? 0 : 1) + (File is null ? 0 : 1) + (Repo is null ? 0 : 1) + (Pull ? 1 : 0);
}
