namespace Pgb.Pipeline;

internal static class PgbFiles
{
    /// <summary>Writes beside the target and renames, so a reader never sees half a file.</summary>
    public static void WriteAllTextAtomic(string path, string text)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial";
        try
        {
            File.WriteAllText(temporary, text);
            if (File.Exists(full)) File.Delete(full);
            File.Move(temporary, full);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
