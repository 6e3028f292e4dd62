using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Pgb.Pipeline;

namespace Pgb.Build.Tasks;

/// <summary>
/// obj/.../pgb/artifacts.tsv: one downloaded package per line
/// (<c>platform, app id, version, length, sha256, full path</c>, tab-separated; the path last as it may hold anything).
/// </summary>
internal static class ArtifactManifest
{
    private const string Header = "# Pgb.Build.Tasks artifacts v1";

    public static void Write(string path, IEnumerable<PgbArtifact> artifacts)
    {
        var lines = new List<string> { Header };
        lines.AddRange(artifacts.Select(a => string.Join("\t",
            a.Platform, a.AppId.ToString(CultureInfo.InvariantCulture), a.Version ?? string.Empty,
            a.Length.ToString(CultureInfo.InvariantCulture), a.Sha256, Path.GetFullPath(a.Path))));
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
        if (lines.Length == 0 || lines[0] != Header)
        {
            yield break;
        }

        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split('\t');
            if (fields.Length != 6)
            {
                continue;
            }

            var item = new TaskItem(fields[5]);
            item.SetMetadata("Platform", fields[0]);
            item.SetMetadata("AppId", fields[1]);
            item.SetMetadata("Version", fields[2]);
            item.SetMetadata("Length", fields[3]);
            item.SetMetadata("Sha256", fields[4]);
            yield return item;
        }
    }

    public static ITaskItem ToItem(PgbArtifact artifact)
    {
        var item = new TaskItem(Path.GetFullPath(artifact.Path));
        item.SetMetadata("Platform", artifact.Platform);
        item.SetMetadata("AppId", artifact.AppId.ToString(CultureInfo.InvariantCulture));
        item.SetMetadata("Version", artifact.Version ?? string.Empty);
        item.SetMetadata("Length", artifact.Length.ToString(CultureInfo.InvariantCulture));
        item.SetMetadata("Sha256", artifact.Sha256);
        return item;
    }
}
