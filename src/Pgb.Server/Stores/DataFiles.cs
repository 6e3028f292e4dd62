using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Pgb.Server.Stores;

/// <summary>Reads the JSON files of a data directory, each carrying its own format number, and names the file at fault
/// when one cannot be used.</summary>
internal static class DataFiles
{
    /// <summary>Refuses a value the server could never have written: the loader of the file turns the
    /// <see cref="InvalidDataException"/> into <see cref="Corrupt"/>, which names the file.</summary>
    public static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidDataException(problem);
        }
    }

    /// <summary>The format is checked before the content: a newer server's file is "newer", whatever else changed.</summary>
    /// <exception cref="PgbDataDirectoryException">the file cannot be read, is damaged, or is newer.</exception>
    public static T Read<T>(string path, JsonTypeInfo<T> type)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PgbDataDirectoryException(PgbDataDirectoryProblem.Inaccessible, path, $"The data file {path} cannot be read: {e.Message}", e);
        }

        try
        {
            var format = JsonSerializer.Deserialize(bytes, DataJsonContext.Default.FormatProbe)?.Format;
            if (format is null or < 1)
            {
                throw Corrupt(path, "it has no format number");
            }

            if (format > DataFormat.Current)
            {
                throw new PgbDataDirectoryException(PgbDataDirectoryProblem.NewerFormat, path,
                    $"The data file {path} has format {format}, written by a newer Pgb.Server; this one reads format {DataFormat.Current} at most. " +
                    "Use the newer server, or another data directory.");
            }

            return JsonSerializer.Deserialize(bytes, type) ?? throw Corrupt(path, "it holds null");
        }
        catch (JsonException e)
        {
            throw Corrupt(path, e.Message, e);
        }
    }

    public static PgbDataDirectoryException Corrupt(string path, string problem, Exception? inner = null) =>
        new(PgbDataDirectoryProblem.Corrupt, path,
            $"The data file {path} is damaged: {problem}. Fix or remove it (removing an app's file deletes that app), or use another data directory.", inner);
}
