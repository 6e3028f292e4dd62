using System.Collections.Immutable;
using Pgb.Server.Build;

namespace Pgb.Server.Model;

/// <summary>One version of an app and its builds. Immutable: a change makes the next version (<c>with</c>), which the app
/// service commits to the store while it holds <see cref="Gate"/>. Readers take the current version without locking,
/// and whatever is rendered from a version shows exactly that state, however many changes follow.</summary>
internal sealed record AppRecord
{
    private static readonly ImmutableDictionary<string, PlatformBuild> NoBuilds = ImmutableDictionary.Create<string, PlatformBuild>(StringComparer.Ordinal);
    private static readonly ImmutableDictionary<string, int> NoKeys = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);

    /// <summary>The owner's id in the app's collaborators (the owner is listed among them as an admin); those added get
    /// the ids after it.</summary>
    public const int OwnerCollaboratorId = 1;

    /// <summary>Serializes the changes of one app: every version of it shares this object, and the service holds it
    /// from reading the current version to committing the next, so no change is lost between the two.</summary>
    public object Gate { get; private init; } = new();

    public required int Id { get; init; }

    public required int OwnerId { get; init; }

    public required string OwnerEmail { get; init; }

    /// <summary>create_method is immutable: remote_repo apps pull, file apps upload.</summary>
    public required bool RepoBacked { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public string Title { get; init; } = string.Empty;

    public string? Package { get; init; }

    public string? Version { get; init; }

    public string? Description { get; init; }

    public bool Debug { get; init; }

    public bool Private { get; init; } = true;

    public bool Hydrates { get; init; }

    public string PhonegapVersion { get; init; } = Defaults.PhonegapVersion;

    public string? Repo { get; init; }

    /// <summary>Pulls requested on a repo-backed app; they are recorded, not fetched.</summary>
    public int PullCount { get; init; }

    /// <summary>Blob key of the uploaded source (file apps).</summary>
    public string? SourceKey { get; init; }

    public string? SourceFileName { get; init; }

    /// <summary>sha256 of the uploaded bytes, or of <c>repo:URL#pull=N</c> for repo apps (nothing is fetched).</summary>
    public string SourceSha256 { get; init; } = string.Empty;

    /// <summary>Set when the upload could not be read (a corrupt zip): builds then end in this error, as they did.</summary>
    public string? SourceProblem { get; init; }

    /// <summary>null until the first queue, as in the Write API's create answer.</summary>
    public int? BuildCount { get; init; }

    public ImmutableDictionary<string, PlatformBuild> Builds { get; init; } = NoBuilds;

    /// <summary>Signing key ids selected per platform via <c>keys</c>. Ids naming none of the owner's keys are kept and
    /// echoed too (with a null title).</summary>
    public ImmutableDictionary<string, int> KeyIds { get; init; } = NoKeys;

    public AppIcon? Icon { get; init; }

    /// <summary>The people the owner shared the app with, by id; the owner is not among them.</summary>
    public ImmutableList<Collaborator> Collaborators { get; init; } = [];

    /// <summary>The highest collaborator id handed out for this app (the owner's, until someone is added), so that the id
    /// of a removed collaborator never names another person.</summary>
    public int LastCollaboratorId { get; init; } = OwnerCollaboratorId;

    /// <summary>Every blob this version refers to: its source, its icon and its builds' packages (stored or not yet).
    /// A blob lives exactly as long as a committed version refers to it.</summary>
    public IEnumerable<string> BlobKeys()
    {
        if (SourceKey is not null)
        {
            yield return SourceKey;
        }

        if (Icon is not null)
        {
            yield return Icon.StorageKey;
        }

        foreach (var build in Builds.Values)
        {
            yield return build.StorageKey;
        }
    }

    /// <summary>The version with new builds of <paramref name="platforms"/> replacing their previous ones (other platforms
    /// keep theirs). One queue = one build number, whatever the platform count.</summary>
    /// <param name="keyFailure">the error a selected signing key causes on a platform (locked, wrong password), or null.</param>
    public AppRecord QueueBuilds(IEnumerable<string> platforms, PgbSimulation simulation, DateTimeOffset now, Func<string, string?> keyFailure)
    {
        var buildCount = (BuildCount ?? 0) + 1;
        var builds = Builds.ToBuilder();
        foreach (var platform in platforms.Distinct())
        {
            var (duration, simulatedFailure) = simulation.ForQueue(platform);
            var failure = SourceProblem ?? keyFailure(platform) ?? simulatedFailure;
            var spec = new ArtifactSpec(Id, Title, Package ?? Defaults.Package, Version ?? Defaults.Version, platform,
                buildCount, SourceSha256, Repo, Debug, PhonegapVersion);
            builds[platform] = new PlatformBuild(spec, now, duration, failure, KeyIds.ContainsKey(platform));
        }

        return this with { BuildCount = buildCount, Builds = builds.ToImmutable(), UpdatedAt = now };
    }
}

/// <summary>An icon uploaded through the API or taken from config.xml, served from <c>/storage/</c>.</summary>
internal sealed record AppIcon(string FileName, string StorageKey);

/// <summary>Defaults the Write API documents.</summary>
internal static class Defaults
{
    public const string Package = "com.phonegap.www";
    public const string Version = "0.0.1";
    public const string PhonegapVersion = "2.9.0";
}
