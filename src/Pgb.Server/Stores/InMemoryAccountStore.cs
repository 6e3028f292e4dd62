namespace Pgb.Server.Stores;

/// <summary>The configured accounts, with the ids the storage gave them; immutable afterwards, hence thread-safe without
/// locks.</summary>
internal sealed class InMemoryAccountStore(IReadOnlyList<StoredAccount> accounts) : IAccountStore
{
    public StoredAccount? FindByToken(string token) =>
        string.IsNullOrEmpty(token) ? null : accounts.FirstOrDefault(a => string.Equals(a.Account.Token, token, StringComparison.Ordinal));

    public StoredAccount? FindById(int id) => accounts.FirstOrDefault(a => a.Id == id);

    public StoredAccount? FindByEmail(string email) =>
        accounts.FirstOrDefault(a => string.Equals(a.Account.Email, email, StringComparison.OrdinalIgnoreCase));

    public StoredAccount? FindByLogin(string login, string password) =>
        accounts.FirstOrDefault(a =>
            (string.Equals(a.Account.UserName, login, StringComparison.OrdinalIgnoreCase)
             || string.Equals(a.Account.Email, login, StringComparison.OrdinalIgnoreCase))
            && string.Equals(a.Account.Password, password, StringComparison.Ordinal));
}
