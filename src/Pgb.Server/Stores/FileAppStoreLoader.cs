namespace Pgb.Server.Stores;

/// <summary>Reads a data directory's state.json and apps/*.json into a <see cref="FileAppStore"/>, each app's owner
/// resolved through the <see cref="AccountRegistry"/> by e-mail (files of format 1 too). All or nothing:
/// the first file that cannot be used stops the start with a <see cref="PgbDataDirectoryException"/> naming it, and
/// nothing has been served yet.</summary>
internal static class FileAppStoreLoader
{
    public static FileAppStore Load(DataDirectory directory, DateTimeOffset loadedAt, Func<DateTimeOffset> now, AccountRegistry accounts)
    {
        var lastId = File.Exists(directory.StatePath)
            ? DataFiles.Read(directory.StatePath, DataJsonContext.Default.StateDocument).LastAppId
            : 0;
        if (lastId < 0)
        {
            throw DataFiles.Corrupt(directory.StatePath, $"lastAppId {lastId} is negative");
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
                throw DataFiles.Corrupt(path, "the name of an app file is its id (apps/12.json)");
            }

            var document = DataFiles.Read(path, DataJsonContext.Default.AppDocument);
            try
            {
                apps.Add(AppDocumentMapper.ToRecord(document, fileId, loadedAt, accounts));
            }
            catch (InvalidDataException e)
            {
                throw DataFiles.Corrupt(path, e.Message, e);
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
            // The accounts first: a state.json of format 2 tells older servers to keep out, and by then the owners of
            // format 1 files are on record by e-mail.
            accounts.Save(directory);
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
}
