using System.Collections.Immutable;

namespace Pgb.Server.Keys;

/// <summary>One signing key, one version of it. Immutable, like an app's versions: a change makes the next version
/// (<c>with</c>), which the key store writes and then makes current, under its lock. Passwords are held only as
/// <see cref="KeyPasswordHash"/>es and never leave this class but as "locked or not".</summary>
internal sealed record SigningKey
{
    private static readonly ImmutableDictionary<string, KeyPasswordHash> NoPasswords = ImmutableDictionary.Create<string, KeyPasswordHash>(StringComparer.Ordinal);
    private static readonly ImmutableDictionary<string, KeyFile> NoFiles = ImmutableDictionary.Create<string, KeyFile>(StringComparer.Ordinal);

    public required int Id { get; init; }

    public required int OwnerId { get; init; }

    /// <summary>The owner's identity in a data directory (see <see cref="Stores.AccountRegistry"/>).</summary>
    public required string OwnerEmail { get; init; }

    /// <summary>ios, android or blackberry: the only platforms whose uploads the API documents.</summary>
    public required string Platform { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public string Title { get; init; } = string.Empty;

    /// <summary>Android only: the alias inside the keystore.</summary>
    public string? Alias { get; init; }

    /// <summary>iOS only: the uploaded file names.</summary>
    public string? CertName { get; init; }

    public string? Provision { get; init; }

    /// <summary>iOS only: developer or distribution. The service read it from the certificate; the server takes the
    /// optional <c>role</c> field instead (it does not parse p12 files).</summary>
    public string? Role { get; init; }

    /// <summary>The owner's default key of its platform: apps created afterwards select it (Write API create answers).
    /// At most one per owner and platform.</summary>
    public bool Default { get; init; }

    /// <summary>One of the two keys the development account starts with: made by the server, with no files, unlocked
    /// without a password (docs/server.md, "Signing keys").</summary>
    public bool Development { get; init; }

    /// <summary><c>lock: true</c> was asked for, and no password came since.</summary>
    public bool LockRequested { get; init; }

    /// <summary>Password field name (<c>password</c>, <c>key_pw</c>, <c>keystore_pw</c>) -> its hash.</summary>
    public ImmutableDictionary<string, KeyPasswordHash> Passwords { get; init; } = NoPasswords;

    /// <summary>Upload part name (<c>cert</c>, <c>profile</c>, <c>keystore</c>, <c>db</c>, <c>csk</c>) -> the file, kept in
    /// the blob store.</summary>
    public ImmutableDictionary<string, KeyFile> Files { get; init; } = NoFiles;

    /// <summary>Locked until every password the platform needs is known (a development key needs none), or when a client
    /// asked for <c>lock: true</c>.</summary>
    public bool Locked => LockRequested || (!Development && KeyPlatforms.PasswordNames(Platform).Any(n => !Passwords.ContainsKey(n)));

    /// <summary>Takes the passwords given (keeping the others): the service did not verify them at this point, a wrong one
    /// shows only when a build uses the key. Any password lifts a <c>lock: true</c>.</summary>
    public SigningKey WithPasswords(IReadOnlyDictionary<string, KeyPasswordHash> passwords) =>
        passwords.Count == 0 ? this : this with { Passwords = Passwords.SetItems(passwords), LockRequested = false };

    /// <summary><c>lock: true</c>: forget the passwords, so the key needs unlocking again.</summary>
    public SigningKey Locking() => this with { Passwords = NoPasswords, LockRequested = true };

    /// <summary>True when a held password is one of <paramref name="rejected"/>. Each comparison derives a hash, so it is
    /// asked only when the simulation rejects any password at all.</summary>
    public bool HasPasswordIn(IReadOnlyCollection<string> rejected) =>
        rejected.Count > 0 && Passwords.Values.Any(hash => rejected.Any(hash.Matches));

    /// <summary>Every blob this version refers to.</summary>
    public IEnumerable<string> BlobKeys() => Files.Values.Select(f => f.BlobKey);

    public KeyInfo Snapshot() => new(Id, Platform, Title, Alias, CertName, Provision, Role, Default, Locked, UpdatedAt);
}

/// <summary>An uploaded key file: the name the client gave it and the blob holding its bytes.</summary>
internal sealed record KeyFile(string FileName, string BlobKey);
