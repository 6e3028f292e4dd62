namespace Pgb.Server;

/// <summary>Apps in the data directory whose owner is not among the configured accounts: kept, with their ids, but
/// answered 404 to everyone until an account with <see cref="OwnerEmail"/> is configured again. Apps are never handed to
/// another account.</summary>
/// <param name="OwnerEmail">the owner's e-mail address, its identity.</param>
/// <param name="AppIds">the ids of its apps, ascending.</param>
public sealed record PgbUnreachableApps(string OwnerEmail, IReadOnlyList<int> AppIds);
