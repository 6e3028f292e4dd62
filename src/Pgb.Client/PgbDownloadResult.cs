namespace Pgb.Client;

/// <summary>A package saved to disk by <see cref="PgbClient.DownloadAsync"/>.</summary>
public sealed class PgbDownloadResult(string filePath, long length, string sha256, Uri location)
{
    /// <summary>Where the file now is (complete: it was written under a temporary name and renamed).</summary>
    public string FilePath { get; } = filePath;

    public long Length { get; } = length;

    /// <summary>Lower-case hex SHA-256 of the bytes written.</summary>
    public string Sha256 { get; } = sha256;

    /// <summary>The storage location the 302 pointed at (it carries no credentials).</summary>
    public Uri Location { get; } = location;

    /// <summary>The file name in the storage location, which tells the real extension (jad or zip for BlackBerry).</summary>
    public string? RemoteFileName
    {
        get
        {
            var name = Uri.UnescapeDataString(Location.AbsolutePath.Split('/').LastOrDefault() ?? string.Empty);
            return string.IsNullOrEmpty(name) ? null : name;
        }
    }
}
