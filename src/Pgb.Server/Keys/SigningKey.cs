namespace Pgb.Server.Keys;

/// <summary>One uploaded signing key. Its passwords are held only to decide, when a build is queued, whether the key
/// is unlocked and whether the simulation treats a password as wrong; they never leave this class (no getter, no JSON).
/// Mutated only under <see cref="KeyStore"/>'s lock.</summary>
internal sealed class SigningKey(int id, int ownerId, string platform, DateTimeOffset now)
{
    private readonly Dictionary<string, string> _passwords = new(StringComparer.Ordinal);
    private bool _lockRequested;

    public int Id { get; } = id;

    public int OwnerId { get; } = ownerId;

    /// <summary>ios, android or blackberry: the only platforms whose uploads the API documents.</summary>
    public string Platform { get; } = platform;

    public string Title { get; set; } = string.Empty;

    /// <summary>Android only: the alias inside the keystore.</summary>
    public string? Alias { get; set; }

    /// <summary>iOS only: the uploaded file names (the files themselves are not kept, see <see cref="KeyService"/>).</summary>
    public string? CertName { get; set; }

    public string? Provision { get; set; }

    /// <summary>iOS only: developer or distribution. The service read it from the certificate; the server takes the
    /// optional <c>role</c> field instead (it does not parse p12 files).</summary>
    public string? Role { get; set; }

    public DateTimeOffset UpdatedAt { get; set; } = now;

    /// <summary>Locked until every password the platform needs is known, or when a client asked for <c>lock: true</c>.</summary>
    public bool Locked => _lockRequested || KeyPlatforms.PasswordNames(Platform).Any(n => !_passwords.ContainsKey(n));

    /// <summary>Takes the passwords present in <paramref name="passwords"/> (name -> value), keeping the others. The
    /// service did not verify them at this point: a wrong one shows only when a build uses the key.</summary>
    public bool SetPasswords(IReadOnlyDictionary<string, string> passwords)
    {
        foreach (var (name, value) in passwords)
        {
            _passwords[name] = value;
        }

        if (passwords.Count > 0)
        {
            _lockRequested = false;
        }

        return passwords.Count > 0;
    }

    /// <summary><c>lock: true</c>: forget the passwords, so the key needs unlocking again.</summary>
    public void Lock()
    {
        _passwords.Clear();
        _lockRequested = true;
    }

    /// <summary>True when any held password is one the simulation rejects.</summary>
    public bool HasPasswordIn(Func<string, bool> rejected) => _passwords.Values.Any(rejected);

    public KeyInfo Snapshot() => new(Id, Platform, Title, Alias, CertName, Provision, Role, Locked, UpdatedAt);
}
