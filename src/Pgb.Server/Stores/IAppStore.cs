namespace Pgb.Server.Stores;

/// <summary>The current version of every app. Versions are immutable; <see cref="Add"/> and <see cref="Replace"/> persist
/// a version (the hook a persisted store needs) and only then make it current, so a version that could not be written
/// is never seen. Changes of one app come from the app service, one at a time under <see cref="AppRecord.Gate"/>.</summary>
internal interface IAppStore
{
    /// <summary>Hands out the next id (ids are global, like the real service's, and never handed out twice).</summary>
    int NextId();

    AppRecord? Find(int id);

    /// <summary>Every app, by id.</summary>
    IReadOnlyList<AppRecord> All();

    /// <summary>Stores a new app under an id from <see cref="NextId"/>.</summary>
    void Add(AppRecord app);

    /// <summary>Makes <paramref name="app"/> the current version of its app (call under its gate).</summary>
    void Replace(AppRecord app);

    /// <summary>Removes the app (call under its gate); false when there was none.</summary>
    bool Remove(int id);
}
