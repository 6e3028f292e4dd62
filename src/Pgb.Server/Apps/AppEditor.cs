using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

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
        Tag = edits.Tag is { } tag ? tag.Value : app.Tag,
        Share = edits.Share ?? app.Share,
        PlatformPhonegapVersions = edits.PlatformPhonegapVersions is { } versions ? Versions(app.PlatformPhonegapVersions, versions) : app.PlatformPhonegapVersions,
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
            SourceProblem = null,
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

    /// <summary>A repo app fetches its repository: a new checkout, which the builds queued from now on wait for. Its source
    /// is replaced once the checkout has it (<see cref="WithSource"/>).</summary>
    public static AppRecord WithCheckout(AppRecord app, string repo) => app with
    {
        Repo = repo,
        CheckoutId = Guid.NewGuid().ToString("N"),
    };

    public static AppRecord WithIcon(AppRecord app, string fileName, byte[] content, BlobChanges blobs)
    {
        var name = FileNames.Sanitize(Path.GetFileName(fileName), "icon.png");
        var key = $"public/{Guid.NewGuid():N}/{name}";
        blobs.Put(key, content);
        return app with { Icon = new AppIcon(name, key) };
    }

    /// <summary>A repository URL the service would take and the server clones: present, without credentials (see
    /// <see cref="RepoUrls.Check"/>).</summary>
    public static string CheckRepo(string? repo) =>
        string.IsNullOrWhiteSpace(repo) ? throw ServerErrors.SourceMissing() : RepoUrls.Check(repo);

    private static ImmutableDictionary<string, string> Versions(ImmutableDictionary<string, string> versions, IReadOnlyDictionary<string, TextEdit> edits)
    {
        var next = versions.ToBuilder();
        foreach (var (platform, edit) in edits)
        {
            if (edit.Value is { } version)
            {
                next[platform] = version;
            }
            else
            {
                next.Remove(platform);
            }
        }

        return next.ToImmutable();
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
