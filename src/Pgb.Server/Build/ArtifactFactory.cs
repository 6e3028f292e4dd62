using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Pgb.Server.Build;

/// <summary>Everything a simulated build's output depends on, captured when the build is queued.</summary>
internal sealed record ArtifactSpec(
    int AppId,
    string Title,
    string Package,
    string Version,
    string Platform,
    int BuildNumber,
    string SourceSha256,
    string? Repo,
    bool Debug,
    string PhonegapVersion);

/// <summary>Produces the "built" package: a real zip (apk, ipa and xap are zips; the other extensions get one too,
/// so every client can open what it downloads) holding <c>pgb-build.json</c>. Entries are stored uncompressed with a
/// fixed timestamp, so the same spec always gives the same bytes.</summary>
internal static class ArtifactFactory
{
    public const string ManifestEntryName = "pgb-build.json";

    private static readonly DateTimeOffset FixedTimestamp = new(2010, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Create(ArtifactSpec spec)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            var entry = zip.CreateEntry(ManifestEntryName, CompressionLevel.NoCompression);
            entry.LastWriteTime = FixedTimestamp;
            using var stream = entry.Open();
            stream.Write(Manifest(spec));
        }

        return output.ToArray();
    }

    private static byte[] Manifest(ArtifactSpec spec)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("appId", spec.AppId);
            json.WriteString("title", spec.Title);
            json.WriteString("package", spec.Package);
            json.WriteString("version", spec.Version);
            json.WriteString("platform", spec.Platform);
            json.WriteNumber("buildNumber", spec.BuildNumber);
            json.WriteString("sourceSha256", spec.SourceSha256);
            if (spec.Repo is not null)
            {
                json.WriteString("repo", spec.Repo);
            }

            json.WriteBoolean("debug", spec.Debug);
            json.WriteString("phonegapVersion", spec.PhonegapVersion);
            json.WriteString("generator", "Pgb.Server (simulated build)");
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
