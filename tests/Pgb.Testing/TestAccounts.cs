using Pgb.Server;

namespace Pgb.Testing;

/// <summary>The accounts of the collaborator tests that run a client or <c>pgb</c> against a server: Ann owns the apps and
/// shares them with Bob and Carol; Dave is an account nothing is shared with.</summary>
public static class TestAccounts
{
    public static readonly PgbAccount Ann = new("ann", "ann@example.com", "ann-password", "ann-token-123456");
    public static readonly PgbAccount Bob = new("bob", "bob@example.com", "bob-password", "bob-token-123456");
    public static readonly PgbAccount Carol = new("carol", "carol@example.com", "carol-password", "carol-token-123456");
    public static readonly PgbAccount Dave = new("dave", "dave@example.com", "dave-password", "dave-token-123456");

    public static readonly PgbAccount[] All = [Ann, Bob, Carol, Dave];

    /// <summary>Adds every account of <see cref="All"/> to <paramref name="options"/>.</summary>
    public static PgbServerOptions WithAll(this PgbServerOptions options)
    {
        foreach (var account in All)
        {
            options.Accounts.Add(account);
        }

        return options;
    }
}
