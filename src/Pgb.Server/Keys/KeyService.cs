using System.Collections.Immutable;

namespace Pgb.Server.Keys;

/// <summary>Signing keys: the rules of uploads, unlocks, defaults and deletes, and what the key an app selects does to its
/// builds. The one place that takes the key store's lock; answers are rendered from <see cref="KeyInfo"/> snapshots. Keys
/// belong to one account: another account's key is "not found". Key files go to the blob store (a data directory keeps
/// them with the keys); passwords are hashed before the lock is taken and go nowhere else (not into answers, errors or the
/// log).</summary>
internal sealed class KeyService(KeyStore store, IBlobStore blobs, PgbSimulation simulation, Func<DateTimeOffset> clock)
{
    /// <summary>The caller's keys, oldest first.</summary>
    public IReadOnlyList<KeyInfo> List(StoredAccount caller)
    {
        lock (store.Gate)
        {
            return [.. store.List(caller.Id).Select(k => k.Snapshot())];
        }
    }

    /// <summary>The caller's keys of one platform as the URL names it, oldest first, and the group they are listed under
    /// (windows is winphone's).</summary>
    public (string Group, IReadOnlyList<KeyInfo> Keys) ListGroup(StoredAccount caller, string platform)
    {
        var group = Group(platform);
        lock (store.Gate)
        {
            return (group, [.. store.List(caller.Id, group).Select(k => k.Snapshot())]);
        }
    }

    public KeyInfo Get(StoredAccount caller, string platform, string id)
    {
        lock (store.Gate)
        {
            return Find(caller, platform, id).Snapshot();
        }
    }

    /// <summary>An upload, locked unless every password came along. The platform is checked before the body is read. A
    /// key uploaded with <c>default: true</c> becomes its platform's default in place of another.</summary>
    public async Task<KeyInfo> AddAsync(StoredAccount caller, string platform, Func<Task<NewKey>> readRequest)
    {
        var group = Group(platform);
        if (!KeyPlatforms.Uploadable.Contains(group))
        {
            throw ServerErrors.KeyUploadNotSupported(group);
        }

        var request = await readRequest();
        var title = request.Title;
        if (string.IsNullOrWhiteSpace(title))
        {
            throw ServerErrors.TitleRequired();
        }

        var alias = request.Alias;
        if (group == "android" && string.IsNullOrWhiteSpace(alias))
        {
            throw ServerErrors.AliasRequired();
        }

        var role = request.Role?.Trim().ToLowerInvariant() ?? "developer";
        if (group == "ios" && role is not ("developer" or "distribution"))
        {
            throw ServerErrors.InvalidKeyRole();
        }

        var uploads = new List<(string Part, Upload File)>();
        foreach (var names in KeyPlatforms.FileParts(group))
        {
            var file = names.Select(request.Files.GetValueOrDefault).FirstOrDefault(f => f is not null);
            if (file is null || file.Content.Length == 0)
            {
                throw ServerErrors.KeyFileRequired(names[0], group);
            }

            uploads.Add((names[0], file));
        }

        var passwords = KeyPasswords.Hash(KeyPasswords.For(group, request.Passwords));
        var files = WriteFiles(uploads);
        try
        {
            lock (store.Gate)
            {
                var now = clock();
                var key = (CreateKey(caller, group, title.Trim(), now) with
                {
                    Alias = group == "android" ? alias!.Trim() : null,
                    CertName = group == "ios" ? Path.GetFileName(uploads[0].File.FileName) : null,
                    Provision = group == "ios" ? Path.GetFileName(uploads[1].File.FileName) : null,
                    Role = group == "ios" ? role : null,
                    Default = request.Default == true,
                    Files = files,
                }).WithPasswords(passwords);
                key = request.Lock ? key.Locking() : key;
                store.Commit([key, .. key.Default ? OtherDefaults(key, now) : []]);
                return key.Snapshot();
            }
        }
        catch
        {
            DropFiles(files.Values);
            throw;
        }
    }

    /// <summary>Takes passwords (unchecked, as the service did), a new title, <c>lock: true</c> or <c>default</c>. The key is
    /// looked up before the body is read.</summary>
    public async Task<KeyInfo> UpdateAsync(StoredAccount caller, string platform, string id, Func<Task<KeyUpdate>> readRequest)
    {
        var platformOfKey = Get(caller, platform, id).Platform;
        var request = await readRequest();
        var passwords = KeyPasswords.Hash(KeyPasswords.For(platformOfKey, request.Passwords));
        lock (store.Gate)
        {
            // Again: the key may have been deleted while the body was read.
            var current = Find(caller, platform, id);
            var key = current.WithPasswords(passwords);
            if (!string.IsNullOrWhiteSpace(request.Title))
            {
                key = key with { Title = request.Title.Trim() };
            }

            if (request.Lock)
            {
                key = key.Locking();
            }

            if (request.Default is { } isDefault)
            {
                key = key with { Default = isDefault };
            }

            if (key == current)
            {
                return current.Snapshot();
            }

            var now = clock();
            key = key with { UpdatedAt = now };
            store.Commit([key, .. key.Default && !current.Default ? OtherDefaults(key, now) : []]);
            return key.Snapshot();
        }
    }

    /// <summary>Apps that selected the key keep its id (shown with a null title); for them it is no key at all. Its files
    /// go once the key is gone.</summary>
    public KeyInfo Delete(StoredAccount caller, string platform, string id)
    {
        SigningKey key;
        lock (store.Gate)
        {
            key = Find(caller, platform, id);
            store.Commit([], [key.Id]);
        }

        DropFiles(key.Files.Values);
        return key.Snapshot();
    }

    /// <summary>The keys an app selects, by platform, as its answers show them (null: the id names none of the owner's).</summary>
    public IReadOnlyDictionary<string, KeyInfo?> Selected(int ownerId, IReadOnlyDictionary<string, int> keyIds)
    {
        if (keyIds.Count == 0)
        {
            return new Dictionary<string, KeyInfo?>();
        }

        lock (store.Gate)
        {
            return keyIds.ToDictionary(p => p.Key, p => store.Find(ownerId, p.Key, p.Value)?.Snapshot(), StringComparer.Ordinal);
        }
    }

    /// <summary>The owner's default key of each app platform that has one: what a new app selects where its <c>keys</c>
    /// name nothing.</summary>
    public IReadOnlyDictionary<string, int> Defaults(int ownerId)
    {
        lock (store.Gate)
        {
            var defaults = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var key in store.List(ownerId).Where(k => k.Default))
            {
                defaults[key.Platform] = key.Id;
            }

            return defaults;
        }
    }

    /// <summary>Applies the password hashes an app's <c>keys</c> entry carries to that key (Write API: "Using the second
    /// form allows you to unlock the given key, without making a separate PUT request"). Unknown ids are left alone.</summary>
    public void Unlock(int ownerId, string platform, int id, IReadOnlyDictionary<string, KeyPasswordHash> passwords)
    {
        lock (store.Gate)
        {
            if (store.Find(ownerId, platform, id) is { } key && passwords.Count > 0)
            {
                store.Commit([key.WithPasswords(passwords) with { UpdatedAt = clock() }]);
            }
        }
    }

    /// <summary>What the key an app selects for <paramref name="platform"/> does to a build queued now: whether there is one
    /// of the owner's at all (a platform that needs one is not built without), and the error it gives the build (locked,
    /// wrong password), or null.</summary>
    public KeyForBuild ForBuild(int ownerId, string platform, IReadOnlyDictionary<string, int> keyIds)
    {
        SigningKey? key;
        lock (store.Gate)
        {
            key = keyIds.TryGetValue(platform, out var id) ? store.Find(ownerId, platform, id) : null;
        }

        // Outside the lock: comparing hashes with rejected passwords derives a hash apiece (the version is immutable).
        return key is null ? new(HasKey: false, Failure: null) : new(HasKey: true, KeyBuildCheck.Failure(key, platform, simulation.RejectedKeyPasswords()));
    }

    /// <summary>The development account starts with a default development key for android and ios, unlocked, so that
    /// <c>pgb build</c> against a fresh server builds both (README); given again only when it has no key at all.</summary>
    public void AddDevelopmentKeys(StoredAccount account)
    {
        lock (store.Gate)
        {
            if (store.List(account.Id).Count > 0)
            {
                return;
            }

            var now = clock();
            SigningKey Key(string platform, string title) => CreateKey(account, platform, title, now) with { Default = true, Development = true };

            store.Commit(
            [
                Key("android", "Android Development Key") with { Alias = "androiddebugkey" },
                Key("ios", "iOS Development Key") with
                {
                    CertName = "pgb-development.p12",
                    Provision = "pgb-development.mobileprovision",
                    Role = "developer",
                },
            ]);
        }
    }

    /// <summary>A key of <paramref name="owner"/>'s with the next id; the caller holds the store's lock.</summary>
    private SigningKey CreateKey(StoredAccount owner, string platform, string title, DateTimeOffset now) => new()
    {
        Id = store.NextId(),
        OwnerId = owner.Id,
        OwnerEmail = owner.Account.Email,
        Platform = platform,
        CreatedAt = now,
        UpdatedAt = now,
        Title = title,
    };

    /// <summary>Call under the store's lock.</summary>
    private SigningKey Find(StoredAccount caller, string platform, string id)
    {
        var group = Group(platform);
        return int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && store.Find(caller.Id, group, number) is { } key
            ? key
            : throw ServerErrors.KeyNotFound(group, id);
    }

    /// <summary>The owner's other keys of the platform that were its default, as no longer default. Call under the lock.</summary>
    private IEnumerable<SigningKey> OtherDefaults(SigningKey key, DateTimeOffset now) =>
        store.List(key.OwnerId, key.Platform).Where(k => k.Default && k.Id != key.Id).Select(k => k with { Default = false, UpdatedAt = now });

    /// <summary>Each file under a fresh blob key; a failure drops those already written.</summary>
    private ImmutableDictionary<string, KeyFile> WriteFiles(IEnumerable<(string Part, Upload File)> uploads)
    {
        var folder = $"key/{Guid.NewGuid():N}";
        var files = ImmutableDictionary.CreateBuilder<string, KeyFile>(StringComparer.Ordinal);
        try
        {
            foreach (var (part, file) in uploads)
            {
                var blobKey = $"{folder}/{part}";
                blobs.Put(blobKey, file.Content);
                files[part] = new KeyFile(Path.GetFileName(file.FileName), blobKey);
            }
        }
        catch
        {
            DropFiles(files.Values);
            throw;
        }

        return files.ToImmutable();
    }

    /// <summary>Best effort: a file left behind is referred to by no key, and a data directory drops it at the next start.</summary>
    private void DropFiles(IEnumerable<KeyFile> files)
    {
        foreach (var file in files)
        {
            try
            {
                blobs.Remove(file.BlobKey);
            }
            catch (StorageException)
            {
                // See above.
            }
        }
    }

    /// <summary>A key group or platform name, lower-cased, windows as winphone; 404 for anything else.</summary>
    private static string Group(string platform)
    {
        var name = platform.ToLowerInvariant();
        return Platforms.KeyGroups.Contains(name) || Platforms.All.Contains(name)
            ? KeyPlatforms.Group(name)
            : throw ServerErrors.UnknownKeyPlatform(name);
    }
}
