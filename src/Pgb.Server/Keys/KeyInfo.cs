namespace Pgb.Server.Keys;

/// <summary>A signing key as an answer shows it, taken under the key store's lock so that rendering needs none. No
/// password: answers only say whether the key is <see cref="Locked"/>.</summary>
internal sealed record KeyInfo(
    int Id,
    string Platform,
    string Title,
    string? Alias,
    string? CertName,
    string? Provision,
    string? Role,
    bool Default,
    bool Locked,
    DateTimeOffset UpdatedAt);
