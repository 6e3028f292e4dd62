namespace Pgb.Pipeline;

/// <summary>Files the job writes beside its artifacts: the remembered app id, the artifact manifest.</summary>
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
        var temporary = full + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial";
        try
        {
            File.WriteAllText(temporary, text);
            if (File.Exists(full))
            {
                File.Delete(full);
            }

            File.Move(temporary, full);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
