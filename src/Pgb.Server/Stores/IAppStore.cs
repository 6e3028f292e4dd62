using Pgb.Server.Model;

namespace Pgb.Server.Stores;

/// <summary>App metadata. Records are mutated under <see cref="AppRecord.Gate"/> and then handed to
/// <see cref="Save"/>, the hook a persisted store needs (the in-memory one has nothing to do).</summary>
internal interface IAppStore
{
    /// <summary>Assigns the next id (ids are global, like the real service's) and stores the new record.</summary>
    AppRecord Add(Func<int, AppRecord> create);

    AppRecord? Find(int id);

    IReadOnlyList<AppRecord> ListOwnedBy(int accountId);

    bool Remove(int id);

    void Save(AppRecord app);
}
