namespace Pgb.Server.Stores;

/// <summary>A fixed list of accounts given at start-up; immutable afterwards, hence thread-safe without locks.</summary>
internal sealed class InMemoryAccountStore : IAccountStore
{
    private readonly IReadOnlyList<StoredAccount> _accounts;

    public InMemoryAccountStore(IEnumerable<PgbAccount> accounts, DateTimeOffset createdAt)
    {
        var list = accounts.ToList();
        if (list.Count == 0)
        {
            list.Add(PgbAccount.Development);
        }

        _accounts = list.Select((account, index) => new StoredAccount(index + 1, account, createdAt)).ToList();
    }

    public StoredAccount? FindByToken(string token) =>
        string.IsNullOrEmpty(token) ? null : _accounts.FirstOrDefault(a => string.Equals(a.Account.Token, token, StringComparison.Ordinal));

    public StoredAccount? FindById(int id) => id >= 1 && id <= _accounts.Count ? _accounts[id - 1] : null;

    public StoredAccount? FindByLogin(string login, string password) =>
        _accounts.FirstOrDefault(a =>
            (string.Equals(a.Account.UserName, login, StringComparison.OrdinalIgnoreCase)
             || string.Equals(a.Account.Email, login, StringComparison.OrdinalIgnoreCase))
            && string.Equals(a.Account.Password, password, StringComparison.Ordinal));
}
