using Pgb.Server.Build;

namespace Pgb.Server.Model;

/// <summary>An app and its builds. Not thread-safe by itself: every read or write happens under <see cref="Gate"/>
/// (handlers lock it, mutate, render JSON, unlock) so a response never mixes two states.</summary>
internal sealed class AppRecord
{
    public AppRecord(int id, int ownerId, string ownerEmail, bool repoBacked, DateTimeOffset now)
    {
        Id = id;
        OwnerId = ownerId;
        OwnerEmail = ownerEmail;
        RepoBacked = repoBacked;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public object Gate { get; } = new();

    public int Id { get; }

    public int OwnerId { get; }

    public string OwnerEmail { get; }

    /// <summary>create_method is immutable: remote_repo apps pull, file apps upload.</summary>
    public bool RepoBacked { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string Title { get; set; } = string.Empty;

    public string? Package { get; set; }

    public string? Version { get; set; }

    public string? Description { get; set; }

    public bool Debug { get; set; }

    public bool Private { get; set; } = true;

    public bool Hydrates { get; set; }

    public string PhonegapVersion { get; set; } = Defaults.PhonegapVersion;

    public string? Repo { get; set; }

    /// <summary>Pulls requested on a repo-backed app; they are recorded, not fetched.</summary>
    public int PullCount { get; set; }

    /// <summary>Blob key of the uploaded source (file apps).</summary>
    public string? SourceKey { get; set; }

    public string? SourceFileName { get; set; }

    /// <summary>sha256 of the uploaded bytes, or of <c>repo:URL#pull=N</c> for repo apps (nothing is fetched).</summary>
    public string SourceSha256 { get; set; } = string.Empty;

    /// <summary>Set when the upload could not be read (a corrupt zip): builds then end in this error, as they did.</summary>
    public string? SourceProblem { get; set; }

    /// <summary>null until the first queue, as in the seed's create answer.</summary>
    public int? BuildCount { get; set; }

    public Dictionary<string, PlatformBuild> Builds { get; } = new(StringComparer.Ordinal);

    /// <summary>Signing key ids selected per platform via <c>keys</c>. Ids naming none of the owner's keys are kept and
    /// echoed too (with a null title).</summary>
    public Dictionary<string, int> KeyIds { get; } = new(StringComparer.Ordinal);

    public AppIcon? Icon { get; set; }

    /// <summary>Discards the previous builds of <paramref name="platforms"/> (and their stored artifacts) and queues new
    /// ones; other platforms are untouched. One queue = one build number, whatever the platform count.</summary>
    /// <param name="keyFailure">the error a selected signing key causes on a platform (locked, wrong password), or null.</param>
    public void QueueBuilds(IEnumerable<string> platforms, PgbSimulation simulation, DateTimeOffset now, Action<string> discardBlob, Func<string, string?>? keyFailure = null)
    {
        BuildCount = (BuildCount ?? 0) + 1;
        foreach (var platform in platforms.Distinct())
        {
            if (Builds.Remove(platform, out var old))
            {
                discardBlob(old.StorageKey);
            }

            var (duration, simulatedFailure) = simulation.ForQueue(platform);
            var failure = SourceProblem ?? keyFailure?.Invoke(platform) ?? simulatedFailure;
            var spec = new ArtifactSpec(Id, Title, Package ?? Defaults.Package, Version ?? Defaults.Version, platform,
                BuildCount.Value, SourceSha256, Repo, Debug, PhonegapVersion);
            Builds[platform] = new PlatformBuild(spec, now, duration, failure, KeyIds.ContainsKey(platform));
        }

        UpdatedAt = now;
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
