using System.Text.Json;

namespace Pgb.Server.Stores;

/// <summary>Which account owns what in a data directory: an account is its e-mail address (compared without regard to
/// case), and its id is the one it got the first time it used the directory. Reopening the directory with the accounts in
/// another order, with some left out or renamed, therefore never hands an app to another account; an app whose owner is
/// not configured stays, unreachable, until that e-mail is configured again. Not thread-safe: used while the directory is
/// opened, before any request.</summary>
internal sealed class AccountRegistry
{
    private readonly Dictionary<string, AccountEntry> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly DateTimeOffset _now;
    private int _lastId;
    private bool _changed;

    private AccountRegistry(IEnumerable<AccountEntry> entries, DateTimeOffset now, bool changed)
    {
        _now = now;
        _changed = changed;
        foreach (var entry in entries)
        {
            _byEmail[entry.Email] = entry;
            _lastId = Math.Max(_lastId, entry.Id);
        }
    }

    /// <summary>Reads <c>accounts.json</c> (none before format 2: the registry starts empty, and the apps' owner e-mails
    /// fill it) and registers the configured accounts, in their order, giving new ones the next ids.</summary>
    /// <exception cref="PgbDataDirectoryException">the file is damaged, or newer.</exception>
    public static AccountRegistry Open(DataDirectory directory, IEnumerable<PgbAccount> configured, DateTimeOffset now)
    {
        var entries = new List<AccountEntry>();
        if (File.Exists(directory.AccountsPath))
        {
            var document = DataFiles.Read(directory.AccountsPath, DataJsonContext.Default.AccountsDocument);
            var ids = new HashSet<int>();
            var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in document.Accounts)
            {
                if (entry is null || entry.Id <= 0 || !ids.Add(entry.Id) || string.IsNullOrWhiteSpace(entry.Email) || !emails.Add(entry.Email))
                {
                    throw DataFiles.Corrupt(directory.AccountsPath, "an account has no e-mail, an id below 1, or the id or e-mail of another");
                }

                entries.Add(entry);
            }
        }

        var registry = new AccountRegistry(entries, now, changed: !File.Exists(directory.AccountsPath));
        foreach (var account in configured)
        {
            registry.Register(account.Email, account.UserName);
        }

        return registry;
    }

    /// <summary>The id of the account with this e-mail, registering it when new (an owner found in an app file).</summary>
    public int IdOf(string email) => Register(email, userName: null).Id;

    /// <summary>The e-mail as registered (the configured spelling), or null for an unknown id.</summary>
    public string? EmailOf(int id) => _byEmail.Values.FirstOrDefault(e => e.Id == id)?.Email;

    public DateTimeOffset CreatedAt(string email) => _byEmail[email].CreatedAt;

    /// <summary>Writes <c>accounts.json</c> when something was registered or renamed since it was read.</summary>
    public void Save(DataDirectory directory)
    {
        if (!_changed)
        {
            return;
        }

        var document = new AccountsDocument { Format = DataFormat.Current, Accounts = [.. _byEmail.Values.OrderBy(e => e.Id)] };
        directory.WriteAtomically(directory.AccountsPath, JsonSerializer.SerializeToUtf8Bytes(document, DataJsonContext.Default.AccountsDocument));
        _changed = false;
    }

    private AccountEntry Register(string email, string? userName)
    {
        if (_byEmail.TryGetValue(email, out var existing))
        {
            if (userName is not null && (existing.UserName != userName || existing.Email != email))
            {
                existing = new AccountEntry { Id = existing.Id, Email = email, UserName = userName, CreatedAt = existing.CreatedAt };
                _byEmail.Remove(email);
                _byEmail[email] = existing;
                _changed = true;
            }

            return existing;
        }

        var entry = new AccountEntry { Id = ++_lastId, Email = email, UserName = userName ?? string.Empty, CreatedAt = _now };
        _byEmail[email] = entry;
        _changed = true;
        return entry;
    }
}
