using System.Globalization;
using Pgb.Server.Errors;
using Pgb.Server.Model;
using Pgb.Server.Stores;

namespace Pgb.Server.Keys;

/// <summary>Signing keys: the rules of uploads, unlocks and deletes, and what a key an app selects does to its builds.
/// The one place that takes the key store's lock; answers are rendered from <see cref="KeyInfo"/> snapshots. Keys belong
/// to one account: another account's key is "not found". Key files are checked to have been sent, then dropped: the
/// simulation signs nothing, so keeping private keys would only be a liability. Passwords go into the key and nowhere
/// else (not into answers, errors or the log).</summary>
internal sealed class KeyService(KeyStore store, PgbSimulation simulation, Func<DateTimeOffset> clock)
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

    /// <summary>An upload, locked unless every password came along. The platform is checked before the body is read.</summary>
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

        var fileNames = new List<string>();
        foreach (var names in KeyPlatforms.FileParts(group))
        {
            var file = names.Select(request.Files.GetValueOrDefault).FirstOrDefault(f => f is not null);
            if (file is null || file.Content.Length == 0)
            {
                throw ServerErrors.KeyFileRequired(names[0], group);
            }

            fileNames.Add(Path.GetFileName(file.FileName));
        }

        var passwords = KeyPasswords.For(group, request.Passwords);
        lock (store.Gate)
        {
            return store.Add(caller.Id, group, clock(), key =>
            {
                key.Title = title.Trim();
                if (group == "android")
                {
                    key.Alias = alias!.Trim();
                }
                else if (group == "ios")
                {
                    key.CertName = fileNames[0];
                    key.Provision = fileNames[1];
                    key.Role = role;
                }

                key.SetPasswords(passwords);
                if (request.Lock)
                {
                    key.Lock();
                }
            }).Snapshot();
        }
    }

    /// <summary>Takes passwords (unchecked, as the service did), a new title, or <c>lock: true</c>. The key is looked up
    /// before the body is read.</summary>
    public async Task<KeyInfo> UpdateAsync(StoredAccount caller, string platform, string id, Func<Task<KeyUpdate>> readRequest)
    {
        _ = Get(caller, platform, id);
        var request = await readRequest();
        lock (store.Gate)
        {
            // Again: the key may have been deleted while the body was read.
            var key = Find(caller, platform, id);
            var changed = key.SetPasswords(KeyPasswords.For(key.Platform, request.Passwords));
            if (!string.IsNullOrWhiteSpace(request.Title))
            {
                key.Title = request.Title.Trim();
                changed = true;
            }

            if (request.Lock)
            {
                key.Lock();
                changed = true;
            }

            if (changed)
            {
                key.UpdatedAt = clock();
            }

            return key.Snapshot();
        }
    }

    /// <summary>Apps that selected the key keep its id (shown with a null title) and build as if no key of this store
    /// were selected.</summary>
    public KeyInfo Delete(StoredAccount caller, string platform, string id)
    {
        lock (store.Gate)
        {
            var key = Find(caller, platform, id);
            store.Remove(key.OwnerId, key.Platform, key.Id);
            return key.Snapshot();
        }
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

    /// <summary>Applies the passwords an app's <c>keys</c> entry carries to that key (Write API: "Using the second form
    /// allows you to unlock the given key, without making a separate PUT request"). Unknown ids are left alone.</summary>
    public void Unlock(int ownerId, string platform, int id, IReadOnlyDictionary<string, string> passwords)
    {
        lock (store.Gate)
        {
            if (store.Find(ownerId, platform, id) is { } key && key.SetPasswords(KeyPasswords.For(key.Platform, passwords)))
            {
                key.UpdatedAt = clock();
            }
        }
    }

    /// <summary>The error the key an app selects for <paramref name="platform"/> gives its build (locked, wrong
    /// password), or null.</summary>
    public string? BuildFailure(int ownerId, string platform, IReadOnlyDictionary<string, int> keyIds) =>
        KeyBuildCheck.Failure(store, simulation, ownerId, platform, keyIds);

    /// <summary>Call under the store's lock.</summary>
    private SigningKey Find(StoredAccount caller, string platform, string id)
    {
        var group = Group(platform);
        return int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && store.Find(caller.Id, group, number) is { } key
            ? key
            : throw ServerErrors.KeyNotFound(group, id);
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
