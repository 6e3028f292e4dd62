namespace Pgb.Server.Stores;

/// <summary>An account as the handlers see it: the public record plus the numeric id the API shows.</summary>
internal sealed record StoredAccount(int Id, PgbAccount Account, DateTimeOffset CreatedAt);

/// <summary>Looks accounts up by the credentials clients send. Behind an interface so a persisted store can slot in.</summary>
internal interface IAccountStore
{
    StoredAccount? FindByToken(string token);

    /// <summary>The account an app's owner id names, if configured.</summary>
    StoredAccount? FindById(int id);

    /// <summary>The account of an e-mail address (compared without regard to case), if configured: how a collaborator is
    /// known.</summary>
    StoredAccount? FindByEmail(string email);

    /// <summary>Basic auth: the login may be the user name or the e-mail address (the API documentation's examples use the e-mail).</summary>
    StoredAccount? FindByLogin(string login, string password);
}
