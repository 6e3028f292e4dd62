using System.Globalization;
using System.Text.Json;
using Pgb.Server.Model;

namespace Pgb.Server.Stores;

/// <summary>Reads a data directory's state.json and apps/*.json into a <see cref="FileAppStore"/>. All or nothing:
/// the first file that cannot be used stops the start with a <see cref="PgbDataDirectoryException"/> naming it, and
/// nothing has been served yet.</summary>
internal static class FileAppStoreLoader
{
    public static FileAppStore Load(DataDirectory directory, DateTimeOffset loadedAt, Func<DateTimeOffset> now, Func<int, string?> ownerEmail)
    {
        var lastId = File.Exists(directory.StatePath)
            ? Read(directory.StatePath, DataJsonContext.Default.StateDocument).LastAppId
            : 0;
        if (lastId < 0)
        {
            throw Corrupt(directory.StatePath, $"lastAppId {lastId} is negative");
        }

        var apps = new List<AppRecord>();
        var pendingOnDisk = new List<int>();
        foreach (var path in AppFiles(directory))
        {
            // Exactly the name Save writes: "01.json" would be app 1 too, and Save would then write a second file for it.
            var name = Path.GetFileNameWithoutExtension(path);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var fileId) || fileId <= 0
                || name != fileId.ToString(CultureInfo.InvariantCulture))
            {
                throw Corrupt(path, "the name of an app file is its id (apps/12.json)");
            }

            var document = Read(path, DataJsonContext.Default.AppDocument);
            try
            {
                apps.Add(AppDocumentMapper.ToRecord(document, fileId, loadedAt, ownerEmail));
            }
            catch (InvalidDataException e)
            {
                throw Corrupt(path, e.Message, e);
            }

            if (document.Builds?.Values.Any(b => b is { Finished: false }) == true)
            {
                pendingOnDisk.Add(fileId);
            }
        }

        // state.json may be missing (a new directory) or behind the files (written by hand): ids must still go on from
        // the highest ever used.
        lastId = Math.Max(lastId, apps.Count == 0 ? 0 : apps.Max(a => a.Id));
        var store = new FileAppStore(directory, now, apps, lastId, pendingOnDisk);
        try
        {
            FileAppStore.WriteState(directory, lastId);
            store.Checkpoint();
        }
        catch (StorageException e)
        {
            throw new PgbDataDirectoryException(PgbDataDirectoryProblem.Inaccessible, directory.Root,
                $"The data directory {directory.Root} cannot be written: {e.Message}", e);
        }

        return store;
    }

    private static IEnumerable<string> AppFiles(DataDirectory directory)
    {
        try
        {
            return Directory.EnumerateFiles(directory.AppsPath, "*.json").Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PgbDataDirectoryException(PgbDataDirectoryProblem.Inaccessible, directory.AppsPath,
                $"The folder {directory.AppsPath} cannot be listed: {e.Message}", e);
        }
    }

    /// <summary>The format is checked before the content: a newer server's file is "newer", whatever else changed.</summary>
    private static T Read<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
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

    private static PgbDataDirectoryException Corrupt(string path, string problem, Exception? inner = null) =>
        new(PgbDataDirectoryProblem.Corrupt, path,
            $"The data file {path} is damaged: {problem}. Fix or remove it (removing an app's file deletes that app), or use another data directory.", inner);
}
