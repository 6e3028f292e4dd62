namespace Pgb.Pipeline;

/// <summary>Which app gets the new contents, and how: upload an archive or have a repo-backed app pull.</summary>
public sealed class PgbUploadRequest
{
    /// <summary>An existing app; when null, <see cref="CreateApp"/> decides.</summary>
    public int? AppId { get; set; }

    /// <summary>With no <see cref="AppId"/>: create the app and remember its id in <see cref="AppIdFile"/>.</summary>
    public bool CreateApp { get; set; }

    /// <summary>Where a created app's id is remembered (under obj/ for MSBuild), so later runs update the same app.</summary>
    public string? AppIdFile { get; set; }

    /// <summary>The title to create the app with (config.xml's name wins on the server).</summary>
    public string? Title { get; set; }

    /// <summary>A repo-backed app: pull instead of uploading.</summary>
    public string? RepoUrl { get; set; }

    /// <summary>The archive to upload for a file-backed app.</summary>
    public string? ArchivePath { get; set; }
}
