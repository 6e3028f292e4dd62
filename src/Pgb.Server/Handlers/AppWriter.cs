using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pgb.Server.Build;
using Pgb.Server.Errors;
using Pgb.Server.Hosting;
using Pgb.Server.Http;
using Pgb.Server.Model;

namespace Pgb.Server.Handlers;

/// <summary>Applies what a create or update request carries to an app (call under the app's gate).</summary>
internal static class AppWriter
{
    /// <summary>Metadata fields of the Write API. Returns true when any was present.</summary>
    /// <param name="unlock">called for each <c>keys</c> entry given as an object (id and passwords) once its id is
    /// recorded; null while a request is only being validated, so a refused request unlocks nothing.</param>
    public static bool ApplyMetadata(AppRecord app, RequestData data, Action<string, int, JsonObject>? unlock = null)
    {
        var changed = false;
        if (data.GetString("title") is { } title && !string.IsNullOrWhiteSpace(title))
        {
            app.Title = title.Trim();
            changed = true;
        }

        changed |= SetText(data, "package", v => app.Package = v);
        changed |= SetText(data, "version", v => app.Version = v);
        changed |= SetText(data, "description", v => app.Description = v);
        changed |= SetText(data, "phonegap_version", v => app.PhonegapVersion = v ?? Defaults.PhonegapVersion);
        changed |= SetBool(data, "debug", v => app.Debug = v);
        changed |= SetBool(data, "private", v => app.Private = v);
        changed |= SetBool(data, "hydrates", v => app.Hydrates = v);
        changed |= ApplyKeys(app, data, unlock);
        return changed;
    }

    /// <summary>Stores an uploaded source and takes what config.xml says; config.xml wins over data (Write API:
    /// "the one in the config.xml file will take preference").</summary>
    public static void ApplySource(AppRecord app, ServerState state, byte[] bytes, string? fileName, SourceInfo info)
    {
        var key = $"source/{app.Id}";
        state.Blobs.Put(key, bytes);
        app.SourceKey = key;
        app.SourceFileName = fileName;
        app.SourceSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        app.SourceProblem = info.Problem;
        if (info.Config is { } config)
        {
            app.Title = config.Name ?? app.Title;
            app.Package = config.Id ?? app.Package;
            app.Version = config.Version ?? app.Version;
            app.Description = config.Description ?? app.Description;
        }

        if (info.Icon is not null && info.IconFileName is not null)
        {
            SetIcon(app, state, info.IconFileName, info.Icon);
        }
    }

    /// <summary>Repo apps have nothing uploaded; their "source" is the URL and how often it was pulled.</summary>
    public static void ApplyRepo(AppRecord app, string repo)
    {
        app.Repo = repo;
        app.SourceSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"repo:{repo}#pull={app.PullCount}")));
    }

    public static string CheckRepo(string? repo)
    {
        if (string.IsNullOrWhiteSpace(repo))
        {
            throw ServerErrors.SourceMissing();
        }

        repo = repo.Trim();
        if (RepoUrls.FindUserInfo(repo) is { } userInfo)
        {
            throw ServerErrors.PrivateRepository(userInfo);
        }

        return repo;
    }

    public static void SetIcon(AppRecord app, ServerState state, string fileName, byte[] content)
    {
        if (app.Icon is not null)
        {
            state.Blobs.Remove(app.Icon.StorageKey);
        }

        var name = FileNames.Sanitize(Path.GetFileName(fileName), "icon.png");
        var key = $"public/{Guid.NewGuid():N}/{name}";
        state.Blobs.Put(key, content);
        app.Icon = new AppIcon(name, key);
    }

    /// <summary>Reads an upload into one array of its exact size (uploads can be near 2 GiB; no second copy).</summary>
    public static async Task<byte[]> ReadAllAsync(IFormFile file, CancellationToken cancellationToken)
    {
        if (file.Length > ServerApp.MaxBodySize)
        {
            throw ServerErrors.RequestTooLarge();
        }

        var content = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(content, cancellationToken);
        return content;
    }

    /// <summary>Removes everything an app owns from the blob store.</summary>
    public static void DiscardBlobs(AppRecord app, ServerState state)
    {
        if (app.SourceKey is not null)
        {
            state.Blobs.Remove(app.SourceKey);
        }

        if (app.Icon is not null)
        {
            state.Blobs.Remove(app.Icon.StorageKey);
        }

        foreach (var build in app.Builds.Values)
        {
            state.Blobs.Remove(build.StorageKey);
        }
    }

    /// <summary><c>keys</c>: per platform an id (<c>"ios":123</c>), an object with <c>id</c> and passwords, or null to
    /// clear. Ids are recorded and echoed; passwords in an object unlock that key, unchecked (the service, too, only
    /// found a wrong one when a build used it).</summary>
    private static bool ApplyKeys(AppRecord app, RequestData data, Action<string, int, JsonObject>? unlock)
    {
        if (data.Fields["keys"] is not JsonObject keys)
        {
            return false;
        }

        foreach (var (name, value) in keys)
        {
            if (!Platforms.TryNormalize(name, out var platform))
            {
                continue;
            }

            var idNode = value is JsonObject withId ? withId["id"] : value;
            if (idNode is null)
            {
                app.KeyIds.Remove(platform);
            }
            else if (idNode is JsonValue idValue && (idValue.TryGetValue<int>(out var id) || (idValue.TryGetValue<string>(out var text) && int.TryParse(text, out id))))
            {
                app.KeyIds[platform] = id;
                if (value is JsonObject entry)
                {
                    unlock?.Invoke(platform, id, entry);
                }
            }
            else
            {
                throw ServerErrors.InvalidKeySelection(name);
            }
        }

        return true;
    }

    private static bool SetText(RequestData data, string name, Action<string?> set)
    {
        if (!data.Has(name))
        {
            return false;
        }

        var value = data.GetString(name);
        set(string.IsNullOrWhiteSpace(value) ? null : value.Trim());
        return true;
    }

    private static bool SetBool(RequestData data, string name, Action<bool> set)
    {
        if (data.GetBool(name) is not { } value)
        {
            return false;
        }

        set(value);
        return true;
    }
}
