using System.Collections.Immutable;

namespace Pgb.Server.Model;

/// <summary>One version of an app and its builds. Immutable: a change makes the next version (<c>with</c>), which the app
/// service commits to the store while it holds <see cref="Gate"/>. Readers take the current version without locking,
/// and whatever is rendered from a version shows exactly that state, however many changes follow.</summary>
internal sealed record AppRecord
{
    private static readonly ImmutableDictionary<string, PlatformBuild> NoBuilds = ImmutableDictionary.Create<string, PlatformBuild>(StringComparer.Ordinal);
    private static readonly ImmutableDictionary<string, int> NoKeys = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);
    private static readonly ImmutableDictionary<string, string> NoVersions = ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);

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

    /// <summary>Pulls requested on a repo-backed app.</summary>
    public int PullCount { get; init; }

    /// <summary>The branch or tag a repo-backed app fetches (create field <c>tag</c>; the default branch when null).</summary>
    public string? Tag { get; init; }

    /// <summary>The create field <c>share</c> the official CLI sent: kept and echoed, it changes nothing here.</summary>
    public bool? Share { get; init; }

    /// <summary>Per-platform PhoneGap versions (<c>ios_phonegap_version</c>, ...), by platform: builds of that platform
    /// use it instead of <see cref="PhonegapVersion"/>.</summary>
    public ImmutableDictionary<string, string> PlatformPhonegapVersions { get; init; } = NoVersions;

    /// <summary>Repo-backed apps: the id of the checkout under way (a fetch of the repository the builds waiting for their
    /// source depend on), or null. A newer checkout replaces it; a checkout that ends finds out whether it is still the one.</summary>
    public string? CheckoutId { get; init; }

    /// <summary>Repo-backed apps: the commit the current source was fetched at.</summary>
    public string? SourceCommit { get; init; }

    /// <summary>Blob key of the uploaded source (file apps).</summary>
    public string? SourceKey { get; init; }

    public string? SourceFileName { get; init; }

    /// <summary>sha256 of the uploaded bytes or of the archive made from the repository's checkout (data directories of
    /// format 1 and 2 hold <c>repo:URL#pull=N</c> for repo apps: nothing was fetched then).</summary>
    public string SourceSha256 { get; init; } = string.Empty;

    /// <summary>Set by servers of data format 1 and 2 when an upload could not be read (a corrupt zip, accepted then):
    /// builds of such an app end in this error. Uploads are refused with a 400 since.</summary>
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

    /// <summary>Every blob this version refers to: its source, its icon, its builds' packages (stored or not yet) and the
    /// sources they are made from. A blob lives exactly as long as a committed version refers to it.</summary>
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
            if (build.Spec.SourceKey is { } source && source != SourceKey)
            {
                yield return source;
            }
        }
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
