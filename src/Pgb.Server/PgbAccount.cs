namespace Pgb.Server;

/// <summary>An account the server accepts: basic auth with <see cref="UserName"/> or <see cref="Email"/>
/// plus <see cref="Password"/>, or token auth with <see cref="Token"/>.</summary>
public sealed record PgbAccount(string UserName, string Email, string Password, string Token)
{
    /// <summary>The well-known development account (like Azurite's): used when no account is configured.</summary>
    public static PgbAccount Development { get; } = new("dev", "dev@localhost", "dev", "pgb-dev-token");
}
