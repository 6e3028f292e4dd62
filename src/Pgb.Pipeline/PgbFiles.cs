namespace Pgb.Pipeline;

/// <summary>Files the job writes beside its artifacts (the remembered app id, the artifact manifest), and how every file of the pipeline is written whole.</summary>
public static class PgbFiles
{
    /// <summary>
    /// Writes a state file atomically; a failure becomes PGB4003 naming the file, never a raw I/O exception.
    /// </summary>
    public static void WriteStateFile(string path, string text)
    {
        try
        {
            WriteAllTextAtomic(path, text);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new PgbPipelineException(PgbErrorCodes.StateWriteFailed, Strings.StateWriteFailed.F(path, ex.Message), ex);
        }
    }

    /// <summary>Writes beside the target and renames, so a reader never sees half a file.</summary>
    internal static void WriteAllTextAtomic(string path, string text)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = TemporaryNameFor(full);
        try
        {
            File.WriteAllText(temporary, text);
            MoveIntoPlace(temporary, full);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>A name beside <paramref name="path"/> for the file being written: it says partial, and no two writers share it.</summary>
    internal static string TemporaryNameFor(string path) => path + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial";

    /// <summary>
    /// Puts a finished temporary file in place of <paramref name="destination"/>: in one step where it exists, so a
    /// reader finds the old file or the new one, never none and never half of one.
    /// </summary>
    internal static void MoveIntoPlace(string temporary, string destination)
    {
        if (File.Exists(destination))
        {
            File.Replace(temporary, destination, null);
        }
        else
        {
            File.Move(temporary, destination);
        }
    }
}
