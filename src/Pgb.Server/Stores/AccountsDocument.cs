namespace Pgb.Server.Stores;

/// <summary><c>DIR/accounts.json</c> (since format 2): every account that ever used the directory, by e-mail address, with
/// the id the API shows for it. Passwords and tokens are never written: they come from the configured accounts at every
/// start.</summary>
internal sealed class AccountsDocument
{
    public required int Format { get; init; }

    public required List<AccountEntry> Accounts { get; init; }
}

internal sealed class AccountEntry
{
    public required int Id { get; init; }

    /// <summary>The account's identity: apps belong to it, whatever position or user name it has in the configuration.</summary>
    public required string Email { get; init; }

    /// <summary>The user name last configured with this e-mail, for people reading the file.</summary>
    public required string UserName { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
