using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Pgb.Server.Build;
using Pgb.Server.Errors;
using Pgb.Server.Model;

namespace Pgb.Server.Apps;

/// <summary>The next version of an app, given what a create or update request carries. Pure, apart from the blobs it
/// writes through <see cref="BlobChanges"/>.</summary>
internal static class AppEditor
{
    public static AppRecord Apply(AppRecord app, AppEdits edits) => app with
    {
        Title = edits.Title ?? app.Title,
        Package = edits.Package is { } package ? package.Value : app.Package,
        Version = edits.Version is { } version ? version.Value : app.Version,
        Description = edits.Description is { } description ? description.Value : app.Description,
        PhonegapVersion = edits.PhonegapVersion is { } phonegap ? phonegap.Value ?? Defaults.PhonegapVersion : app.PhonegapVersion,
        Debug = edits.Debug ?? app.Debug,
        Private = edits.Private ?? app.Private,
        Hydrates = edits.Hydrates ?? app.Hydrates,
        KeyIds = edits.Keys is { } keys ? Select(app.KeyIds, keys) : app.KeyIds,
    };

    /// <summary>Stores an uploaded source and takes what config.xml says; config.xml wins over data (Write API:
    /// "the one in the config.xml file will take preference").</summary>
    public static AppRecord WithSource(AppRecord app, Upload source, SourceInfo info, BlobChanges blobs)
    {
        // A fresh key per upload: the previous source stays intact until this version is committed.
        var key = $"source/{app.Id}-{Guid.NewGuid():N}";
        blobs.Put(key, source.Content);
        var next = app with
        {
            SourceKey = key,
            SourceFileName = source.FileName,
            SourceSha256 = Convert.ToHexStringLower(SHA256.HashData(source.Content)),
            SourceProblem = info.Problem,
        };
        if (info.Config is { } config)
        {
            next = next with
            {
                Title = config.Name ?? next.Title,
                Package = config.Id ?? next.Package,
                Version = config.Version ?? next.Version,
                Description = config.Description ?? next.Description,
            };
        }

        return info.Icon is not null && info.IconFileName is not null ? WithIcon(next, info.IconFileName, info.Icon, blobs) : next;
    }

    /// <summary>Repo apps have nothing uploaded; their "source" is the URL and how often it was pulled.</summary>
    public static AppRecord WithRepo(AppRecord app, string repo) => app with
    {
        Repo = repo,
        SourceSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"repo:{repo}#pull={app.PullCount}"))),
    };

    public static AppRecord WithIcon(AppRecord app, string fileName, byte[] content, BlobChanges blobs)
    {
        var name = FileNames.Sanitize(Path.GetFileName(fileName), "icon.png");
        var key = $"public/{Guid.NewGuid():N}/{name}";
        blobs.Put(key, content);
        return app with { Icon = new AppIcon(name, key) };
    }

    /// <summary>A repository URL the service would take: present, and without credentials.</summary>
    public static string CheckRepo(string? repo)
    {
        if (string.IsNullOrWhiteSpace(repo))
        {
            throw ServerErrors.SourceMissing();
        }

        repo = repo.Trim();
        return RepoUrls.FindUserInfo(repo) is { } userInfo ? throw ServerErrors.PrivateRepository(userInfo) : repo;
    }

    private static ImmutableDictionary<string, int> Select(ImmutableDictionary<string, int> keyIds, IReadOnlyList<KeySelection> selections)
    {
        var selected = keyIds.ToBuilder();
        foreach (var selection in selections)
        {
            if (selection.Id is { } id)
            {
                selected[selection.Platform] = id;
            }
            else
            {
                selected.Remove(selection.Platform);
            }
        }

        return selected.ToImmutable();
    }
}
