using System.Collections.Immutable;
using static Pgb.Server.Stores.DataFiles;

namespace Pgb.Server.Stores;

/// <summary>Turns an <see cref="AppRecord"/> into its file's document and back. Reading checks every value the
/// handlers rely on (ids, platform names, storage keys), so a hand-edited or damaged file is refused at start rather
/// than failing requests later.</summary>
internal static class AppDocumentMapper
{
    /// <summary><paramref name="now"/> decides which builds are written as finished.</summary>
    public static AppDocument ToDocument(AppRecord app, DateTimeOffset now) => new()
    {
        Format = DataFormat.Current,
        Id = app.Id,
        OwnerEmail = app.OwnerEmail,
        RepoBacked = app.RepoBacked,
        CreatedAt = app.CreatedAt,
        UpdatedAt = app.UpdatedAt,
        Title = app.Title,
        Package = app.Package,
        Version = app.Version,
        Description = app.Description,
        Debug = app.Debug,
        Private = app.Private,
        Hydrates = app.Hydrates,
        PhonegapVersion = app.PhonegapVersion,
        Repo = app.Repo,
        PullCount = app.PullCount,
        Tag = app.Tag,
        Share = app.Share,
        PlatformPhonegapVersions = app.PlatformPhonegapVersions.IsEmpty ? null : new Dictionary<string, string>(app.PlatformPhonegapVersions, StringComparer.Ordinal),
        CheckoutId = app.CheckoutId,
        SourceCommit = app.SourceCommit,
        SourceKey = app.SourceKey,
        SourceFileName = app.SourceFileName,
        SourceSha256 = app.SourceSha256,
        SourceProblem = app.SourceProblem,
        BuildCount = app.BuildCount,
        KeyIds = app.KeyIds.IsEmpty ? null : new Dictionary<string, int>(app.KeyIds, StringComparer.Ordinal),
        Icon = app.Icon is { } icon ? new IconDocument { FileName = icon.FileName, StorageKey = icon.StorageKey } : null,
        Builds = app.Builds.IsEmpty ? null : app.Builds.ToDictionary(b => b.Key, b => ToDocument(b.Value, now), StringComparer.Ordinal),
        Collaborators = app.Collaborators.IsEmpty
            ? null
            : [.. app.Collaborators.Select(c => new CollaboratorDocument { Id = c.Id, Email = c.Email, Role = AppRoles.Name(c.Role) })],
        LastCollaboratorId = app.LastCollaboratorId == AppRecord.OwnerCollaboratorId ? null : app.LastCollaboratorId,
    };

    /// <summary>The record for a document read from <c>apps/{fileId}.json</c>. Builds that were pending get what was left
    /// of their time from <paramref name="loadedAt"/> on: never more than their duration (the wall clock may have been
    /// set back while the server was down), nothing when the downtime covered it. The owner is the account
    /// <paramref name="accounts"/> knows by the stored e-mail (registered there when new), in format 1 as well: its
    /// <c>ownerId</c> was a position in a list that may have changed since.</summary>
    /// <exception cref="InvalidDataException">a value the server could never have written.</exception>
    public static AppRecord ToRecord(AppDocument document, int fileId, DateTimeOffset loadedAt, AccountRegistry accounts)
    {
        Check(document.Id == fileId, $"its id {document.Id} does not match its file name");
        Check(document.Format > 1 || document.OwnerId > 0, $"ownerId {document.OwnerId} is not an account id");
        Check(!string.IsNullOrWhiteSpace(document.OwnerEmail), "it names no owner (ownerEmail)");
        Check(document.PullCount >= 0 && document.BuildCount is null or >= 0, "a negative count");
        Check(document.SourceKey is null || BlobPaths.IsValidKey(document.SourceKey), $"sourceKey '{document.SourceKey}' is not a blob key");

        var keyIds = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        foreach (var (platform, keyId) in document.KeyIds ?? [])
        {
            Check(Platforms.All.Contains(platform), $"keyIds names an unknown platform '{platform}'");
            keyIds[platform] = keyId;
        }

        AppIcon? icon = null;
        if (document.Icon is { } iconDocument)
        {
            Check(IsPublicKey(iconDocument.StorageKey), $"the icon's storageKey '{iconDocument.StorageKey}' is not a public/GUID/FILE blob key");
            icon = new AppIcon(iconDocument.FileName, iconDocument.StorageKey);
        }

        var versions = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (platform, version) in document.PlatformPhonegapVersions ?? [])
        {
            Check(Platforms.All.Contains(platform) && !string.IsNullOrWhiteSpace(version), $"platformPhonegapVersions names an unknown platform '{platform}' or no version");
            versions[platform] = version;
        }

        Check(document.CheckoutId is null || (document.RepoBacked && document.Repo is not null), "a checkout is under way for an app without a repository");
        var builds = ImmutableDictionary.CreateBuilder<string, PlatformBuild>(StringComparer.Ordinal);
        foreach (var (platform, build) in document.Builds ?? [])
        {
            Check(build is not null, $"the build of '{platform}' is null");
            Check(!build!.AwaitingSource || document.CheckoutId is not null, $"the build of '{platform}' waits for a checkout that is not under way");
            Check(build.Spec?.SourceKey is null || BlobPaths.IsValidKey(build.Spec.SourceKey), $"the build of '{platform}' names a source '{build.Spec?.SourceKey}' that is not a blob key");
            builds[platform] = ToBuild(platform, build, document, loadedAt);
        }

        var (collaborators, lastCollaboratorId) = ToCollaborators(document);
        var ownerId = accounts.IdOf(document.OwnerEmail);
        return new AppRecord
        {
            Id = document.Id,
            OwnerId = ownerId,
            OwnerEmail = accounts.EmailOf(ownerId)!,
            RepoBacked = document.RepoBacked,
            CreatedAt = document.CreatedAt,
            UpdatedAt = document.UpdatedAt,
            Title = document.Title,
            Package = document.Package,
            Version = document.Version,
            Description = document.Description,
            Debug = document.Debug,
            Private = document.Private,
            Hydrates = document.Hydrates,
            PhonegapVersion = document.PhonegapVersion,
            Repo = document.Repo,
            PullCount = document.PullCount,
            Tag = document.Tag,
            Share = document.Share,
            PlatformPhonegapVersions = versions.ToImmutable(),
            CheckoutId = document.CheckoutId,
            SourceCommit = document.SourceCommit,
            SourceKey = document.SourceKey,
            SourceFileName = document.SourceFileName,
            SourceSha256 = document.SourceSha256,
            SourceProblem = document.SourceProblem,
            BuildCount = document.BuildCount,
            KeyIds = keyIds.ToImmutable(),
            Builds = builds.ToImmutable(),
            Icon = icon,
            Collaborators = collaborators,
            LastCollaboratorId = lastCollaboratorId,
        };
    }

    /// <summary>The collaborators of a format 3 file; none in older ones (they had no sharing), with nothing to migrate.</summary>
    private static (ImmutableList<Collaborator> Collaborators, int LastId) ToCollaborators(AppDocument document)
    {
        var lastId = document.LastCollaboratorId ?? AppRecord.OwnerCollaboratorId;
        Check(lastId >= AppRecord.OwnerCollaboratorId, $"lastCollaboratorId {lastId} is below {AppRecord.OwnerCollaboratorId}");
        var collaborators = ImmutableList.CreateBuilder<Collaborator>();
        foreach (var collaborator in document.Collaborators ?? [])
        {
            Check(collaborator is not null, "a collaborator is null");
            var (id, email) = (collaborator!.Id, collaborator.Email);
            Check(id > AppRecord.OwnerCollaboratorId && id <= lastId, $"collaborator id {id} is not between 2 and lastCollaboratorId ({lastId})");
            Check(!string.IsNullOrWhiteSpace(email) && email.Length <= Collaborator.MaxEmailLength, $"collaborator #{id} has no e-mail address of at most {Collaborator.MaxEmailLength} characters");
            Check(AppRoles.TryParse(collaborator.Role, out var role), $"collaborator #{id} has the role '{collaborator.Role}', not tester, developer or admin");
            Check(!string.Equals(email, document.OwnerEmail, StringComparison.OrdinalIgnoreCase), $"collaborator #{id} is the owner");
            Check(collaborators.TrueForAll(c => c.Id != id && !string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase)),
                $"collaborator #{id} has the id or the e-mail of another");
            collaborators.Add(new Collaborator(id, email, role));
        }

        return (collaborators.ToImmutable(), lastId);
    }

    private static BuildDocument ToDocument(PlatformBuild build, DateTimeOffset now) => new()
    {
        QueuedAt = build.QueuedAt,
        Duration = build.Duration,
        Finished = build.State(now) != BuildStates.Pending,
        AwaitingSource = build.AwaitingSource,
        Failure = build.Failure,
        StorageKey = build.StorageKey,
        Spec = new ArtifactSpecDocument
        {
            AppId = build.Spec.AppId,
            Title = build.Spec.Title,
            Package = build.Spec.Package,
            Version = build.Spec.Version,
            Platform = build.Spec.Platform,
            BuildNumber = build.Spec.BuildNumber,
            SourceSha256 = build.Spec.SourceSha256,
            Repo = build.Spec.Repo,
            Debug = build.Spec.Debug,
            PhonegapVersion = build.Spec.PhonegapVersion,
            SourceKey = build.Spec.SourceKey,
            SourceCommit = build.Spec.SourceCommit,
        },
    };

    private static PlatformBuild ToBuild(string platform, BuildDocument build, AppDocument app, DateTimeOffset loadedAt)
    {
        var appId = app.Id;
        var spec = build.Spec;
        Check(Platforms.All.Contains(platform), $"builds names an unknown platform '{platform}'");
        Check(spec.Platform == platform, $"the build of '{platform}' is for '{spec.Platform}'");
        Check(spec.AppId == appId, $"the build of '{platform}' belongs to app {spec.AppId}");
        Check(IsPublicKey(build.StorageKey), $"the build of '{platform}' has a storageKey '{build.StorageKey}' that is not a public/GUID/FILE blob key");
        Check(build.Duration >= TimeSpan.Zero, $"the build of '{platform}' has a negative duration");

        // The same cap as when it was queued: a hand-edited duration must not leave a build pending for a day.
        var duration = build.Duration > PgbSimulation.MaxBuildDuration ? PgbSimulation.MaxBuildDuration : build.Duration;
        DateTimeOffset readyAt;
        if (build.Finished)
        {
            readyAt = DateTimeOffset.MinValue;
        }
        else
        {
            var elapsed = loadedAt - build.QueuedAt;
            var remaining = elapsed < TimeSpan.Zero ? duration : elapsed >= duration ? TimeSpan.Zero : duration - elapsed;
            readyAt = loadedAt + remaining;
        }

        var artifact = new ArtifactSpec(spec.AppId, spec.Title, spec.Package, spec.Version, spec.Platform, spec.BuildNumber,
            spec.SourceSha256, spec.Repo, spec.Debug, spec.PhonegapVersion)
        {
            // Formats 1 and 2 did not name the source: a build queued with the app's current upload packages that upload.
            SourceKey = spec.SourceKey ?? (app.SourceKey is not null && spec.SourceSha256 == app.SourceSha256 ? app.SourceKey : null),
            SourceCommit = spec.SourceCommit,
        };
        return new PlatformBuild(artifact, build.QueuedAt, duration, build.Failure, build.StorageKey, readyAt, build.AwaitingSource);
    }

    /// <summary><c>/storage/{guid}/{file}</c> serves <c>public/{guid}/{file}</c>: exactly three segments.</summary>
    private static bool IsPublicKey(string key) =>
        key.Split('/') is ["public", _, _] && BlobPaths.IsValidKey(key);
}
