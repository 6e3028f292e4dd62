namespace Pgb.Server.Stores;

/// <summary><c>DIR/keys.json</c> (since format 3): every account's signing keys, rewritten whole on every change (keys are
/// few and change rarely). Passwords are PBKDF2 hashes, never the passwords; the key files are blobs.</summary>
internal sealed class KeysDocument
{
    public required int Format { get; init; }

    /// <summary>The highest key id ever handed out: ids of deleted keys are not given again.</summary>
    public required int LastKeyId { get; init; }

    public required List<KeyDocument> Keys { get; init; }
}

internal sealed class KeyDocument
{
    public required int Id { get; init; }

    /// <summary>The owner's identity, as apps name theirs.</summary>
    public required string OwnerEmail { get; init; }

    public required string Platform { get; init; }

    public required string Title { get; init; }

    public string? Alias { get; init; }

    public string? CertName { get; init; }

    public string? Provision { get; init; }

    public string? Role { get; init; }

    public bool Default { get; init; }

    public bool Development { get; init; }

    public bool LockRequested { get; init; }

    /// <summary>Password field name -> its hash.</summary>
    public Dictionary<string, PasswordHashDocument>? Passwords { get; init; }

    /// <summary>Upload part name -> the file.</summary>
    public Dictionary<string, KeyFileDocument>? Files { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>PBKDF2 with HMAC-SHA-256: <see cref="Salt"/> and <see cref="Hash"/> in base64.</summary>
internal sealed class PasswordHashDocument
{
    public required string Salt { get; init; }

    public required string Hash { get; init; }

    public required int Iterations { get; init; }
}

internal sealed class KeyFileDocument
{
    public required string FileName { get; init; }

    public required string BlobKey { get; init; }
}
