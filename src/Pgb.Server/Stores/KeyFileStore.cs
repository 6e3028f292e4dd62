using System.Collections.Immutable;
using System.Text.Json;
using static Pgb.Server.Stores.DataFiles;

namespace Pgb.Server.Stores;

/// <summary>The signing keys of a data directory: read from <c>keys.json</c> at start (a directory of format 1 or 2 has
/// none: keys lived in memory then) and written back whole, atomically, by every change. Owners are named by e-mail and
/// resolved through the <see cref="AccountRegistry"/>, as apps' are.</summary>
internal sealed class KeyFileStore(DataDirectory directory) : IKeyFile
{
    public void Write(IReadOnlyCollection<SigningKey> keys, int lastId)
    {
        var document = new KeysDocument { Format = DataFormat.Current, LastKeyId = lastId, Keys = [.. keys.OrderBy(k => k.Id).Select(ToDocument)] };
        directory.WriteAtomically(directory.KeysPath, JsonSerializer.SerializeToUtf8Bytes(document, DataJsonContext.Default.KeysDocument));
    }

    /// <exception cref="PgbDataDirectoryException">keys.json is damaged or newer.</exception>
    public static KeyStore Load(DataDirectory directory, AccountRegistry accounts)
    {
        var file = new KeyFileStore(directory);
        if (!File.Exists(directory.KeysPath))
        {
            return new KeyStore(file, [], 0);
        }

        var document = DataFiles.Read(directory.KeysPath, DataJsonContext.Default.KeysDocument);
        var keys = new List<SigningKey>();
        try
        {
            Check(document.LastKeyId >= 0, $"lastKeyId {document.LastKeyId} is negative");
            var ids = new HashSet<int>();
            foreach (var key in document.Keys)
            {
                Check(key is not null, "a key is null");
                Check(key!.Id > 0 && ids.Add(key.Id), $"key id {key.Id} is below 1 or given twice");
                keys.Add(ToKey(key, accounts));
            }
        }
        catch (InvalidDataException e)
        {
            throw DataFiles.Corrupt(directory.KeysPath, e.Message, e);
        }

        return new KeyStore(file, keys, document.LastKeyId);
    }

    private static KeyDocument ToDocument(SigningKey key) => new()
    {
        Id = key.Id,
        OwnerEmail = key.OwnerEmail,
        Platform = key.Platform,
        Title = key.Title,
        Alias = key.Alias,
        CertName = key.CertName,
        Provision = key.Provision,
        Role = key.Role,
        Default = key.Default,
        Development = key.Development,
        LockRequested = key.LockRequested,
        Passwords = key.Passwords.IsEmpty ? null : key.Passwords.ToDictionary(
            p => p.Key,
            p => new PasswordHashDocument { Salt = Convert.ToBase64String(p.Value.Salt), Hash = Convert.ToBase64String(p.Value.Hash), Iterations = p.Value.Iterations },
            StringComparer.Ordinal),
        Files = key.Files.IsEmpty ? null : key.Files.ToDictionary(f => f.Key, f => new KeyFileDocument { FileName = f.Value.FileName, BlobKey = f.Value.BlobKey }, StringComparer.Ordinal),
        CreatedAt = key.CreatedAt,
        UpdatedAt = key.UpdatedAt,
    };

    private static SigningKey ToKey(KeyDocument key, AccountRegistry accounts)
    {
        Check(KeyPlatforms.Uploadable.Contains(key.Platform), $"key {key.Id} is for an unknown platform '{key.Platform}'");
        Check(!string.IsNullOrWhiteSpace(key.OwnerEmail), $"key {key.Id} names no owner (ownerEmail)");
        var passwords = ImmutableDictionary.CreateBuilder<string, KeyPasswordHash>(StringComparer.Ordinal);
        foreach (var (name, hash) in key.Passwords ?? [])
        {
            Check(KeyPlatforms.PasswordNames(key.Platform).Contains(name), $"key {key.Id} has a password '{name}' its platform does not take");
            var parsed = hash is null ? null : Parse(hash);
            Check(parsed is { IsWellFormed: true }, $"the hash of key {key.Id}'s {name} is not one this server writes");
            passwords[name] = parsed!;
        }

        var files = ImmutableDictionary.CreateBuilder<string, KeyFile>(StringComparer.Ordinal);
        foreach (var (part, file) in key.Files ?? [])
        {
            Check(file is not null && BlobPaths.IsValidKey(file.BlobKey) && file.BlobKey.StartsWith("key/", StringComparison.Ordinal),
                $"key {key.Id}'s file '{part}' has no key/... blob key");
            files[part] = new KeyFile(file!.FileName, file.BlobKey);
        }

        var ownerId = accounts.IdOf(key.OwnerEmail);
        return new SigningKey
        {
            Id = key.Id,
            OwnerId = ownerId,
            OwnerEmail = accounts.EmailOf(ownerId)!,
            Platform = key.Platform,
            CreatedAt = key.CreatedAt,
            UpdatedAt = key.UpdatedAt,
            Title = key.Title,
            Alias = key.Alias,
            CertName = key.CertName,
            Provision = key.Provision,
            Role = key.Role,
            Default = key.Default,
            Development = key.Development,
            LockRequested = key.LockRequested,
            Passwords = passwords.ToImmutable(),
            Files = files.ToImmutable(),
        };
    }

    private static KeyPasswordHash? Parse(PasswordHashDocument hash)
    {
        try
        {
            return new KeyPasswordHash(Convert.FromBase64String(hash.Salt), Convert.FromBase64String(hash.Hash), hash.Iterations);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
