using Microsoft.Build.Utilities;

namespace Pgb.Build.Tasks;

/// <summary>
/// obj/.../pgb/artifacts.tsv: one downloaded package per line
/// (<c>platform, app id, version, length, sha256, build number, full path</c>, tab-separated; the path last as it may
/// hold anything). A v1 manifest (without the build number) is still read: its packages are up to date.
/// </summary>
internal static class ArtifactManifest
{
    private const string Header = "# Pgb.Build.Tasks artifacts v2";
    private const string HeaderV1 = "# Pgb.Build.Tasks artifacts v1";

    public static void Write(string path, IEnumerable<PgbArtifact> artifacts)
    {
        var lines = new List<string> { Header };
        lines.AddRange(artifacts.Select(a => string.Join("\t",
            a.Platform, a.AppId.ToString(CultureInfo.InvariantCulture), a.Version ?? string.Empty,
            a.Length.ToString(CultureInfo.InvariantCulture), a.Sha256, a.BuildNumber?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, Path.GetFullPath(a.Path))));
        PgbFiles.WriteStateFile(path, string.Join(Environment.NewLine, lines) + Environment.NewLine);
    }

    /// <summary>Items for every line; a missing or foreign file gives none (the build then runs again).</summary>
    public static IEnumerable<ITaskItem> Read(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        var lines = File.ReadAllLines(path);
        var fieldCount = lines.Length == 0 ? 0 : lines[0] == Header ? 7 : lines[0] == HeaderV1 ? 6 : 0;
        if (fieldCount == 0)
        {
            yield break;
        }

        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split('\t');
            if (fields.Length != fieldCount)
            {
                continue;
            }

            yield return Item(fields[fieldCount - 1], fields[0], fields[1], fields[2], fields[3], fields[4], fieldCount == 7 ? fields[5] : string.Empty);
        }
    }

    public static ITaskItem ToItem(PgbArtifact artifact) =>
        Item(Path.GetFullPath(artifact.Path), artifact.Platform, artifact.AppId.ToString(CultureInfo.InvariantCulture), artifact.Version ?? string.Empty,
            artifact.Length.ToString(CultureInfo.InvariantCulture), artifact.Sha256, artifact.BuildNumber?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);

    /// <summary>
    /// An <c>@(PgbArtifact)</c> item: the package's full path, with the metadata docs/msbuild.md lists (Platform, AppId,
    /// Version, BuildNumber, Length and its alias Size, Sha256).
    /// </summary>
    private static ITaskItem Item(string path, string platform, string appId, string version, string length, string sha256, string buildNumber)
    {
        var item = new TaskItem(path);
        item.SetMetadata("Platform", platform);
        item.SetMetadata("AppId", appId);
        item.SetMetadata("Version", version);
        item.SetMetadata("BuildNumber", buildNumber);
        item.SetMetadata("Length", length);
        item.SetMetadata("Size", length);
        item.SetMetadata("Sha256", sha256);
        return item;
    }
}
