namespace Pgb.Server.Model;

/// <summary>One queued build of one platform. Immutable once queued: its outcome is computed lazily from the queue time
/// (no background timers), and its package, made when it is first downloaded, from inputs captured at queue time (the
/// spec, which names the stored source), so the bytes do not depend on when (or how often) they are asked for. A build of
/// a repository-backed app queued while its repository is being fetched <see cref="AwaitingSource"/>: it stays pending
/// until the checkout ends, and is then replaced by the build that checkout queues.</summary>
internal sealed class PlatformBuild
{
    /// <summary>A new build, queued at <paramref name="queuedAt"/>: pending for <paramref name="duration"/>, with a
    /// fresh storage key.</summary>
    public PlatformBuild(ArtifactSpec spec, DateTimeOffset queuedAt, TimeSpan duration, string? failure, bool hasSigningKey)
        : this(spec, queuedAt, duration, failure, NewStorageKey(spec, hasSigningKey), readyAt: queuedAt + duration)
    {
    }

    /// <summary>A build read back from a data directory: same spec and storage key (so its download link and bytes stay
    /// what they were), leaving pending at <paramref name="readyAt"/> on this server's clock, which the loader computes
    /// from what was left of the build's time.</summary>
    public PlatformBuild(ArtifactSpec spec, DateTimeOffset queuedAt, TimeSpan duration, string? failure, string storageKey, DateTimeOffset readyAt, bool awaitingSource = false)
    {
        Spec = spec;
        QueuedAt = queuedAt;
        Duration = duration;
        Failure = failure;
        StorageKey = storageKey;
        FileName = storageKey[(storageKey.LastIndexOf('/') + 1)..];
        Extension = Path.GetExtension(FileName).TrimStart('.');
        ReadyAt = awaitingSource ? DateTimeOffset.MaxValue : readyAt;
        AwaitingSource = awaitingSource;
    }

    public ArtifactSpec Spec { get; }

    public string Platform => Spec.Platform;

    public DateTimeOffset QueuedAt { get; }

    public TimeSpan Duration { get; }

    /// <summary>The error message this build ends with, or null when it succeeds.</summary>
    public string? Failure { get; }

    public string Extension { get; }

    public string FileName { get; }

    /// <summary>Blob key under which <c>/storage/</c> serves the package (a fresh random guid per build, like S3 links).</summary>
    public string StorageKey { get; }

    /// <summary>When the build stops being pending: <see cref="QueuedAt"/> + <see cref="Duration"/>, unless it was
    /// read back after a restart; never while it awaits its source.</summary>
    public DateTimeOffset ReadyAt { get; }

    /// <summary>Queued while the app's repository is being fetched: pending until the checkout ends.</summary>
    public bool AwaitingSource { get; }

    /// <summary>A build that waits for the app's repository checkout (pending until then).</summary>
    public static PlatformBuild Awaiting(ArtifactSpec spec, DateTimeOffset queuedAt, bool hasSigningKey) =>
        new(spec, queuedAt, TimeSpan.Zero, null, NewStorageKey(spec, hasSigningKey), DateTimeOffset.MaxValue, awaitingSource: true);

    public string State(DateTimeOffset now) =>
        now < ReadyAt ? BuildStates.Pending : Failure is null ? BuildStates.Complete : BuildStates.Error;

    public string Log(DateTimeOffset now)
    {
        var state = State(now);
        var lines = new List<string> { $"Build #{Spec.BuildNumber} of app #{Spec.AppId} for {Spec.Platform} queued at {QueuedAt:O}" };
        if (Spec.Repo is not null)
        {
            lines.Add(AwaitingSource ? $"Fetching {Spec.Repo}..." : Spec.SourceCommit is { } commit ? $"Fetched {Spec.Repo} at {commit}" : $"Repository {Spec.Repo}");
        }

        if (!AwaitingSource)
        {
            lines.Add($"Source sha256 {Spec.SourceSha256}");
        }

        lines.Add(state switch
        {
            BuildStates.Pending => "Building...",
            BuildStates.Error => $"Build failed: {Failure}",
            _ => $"Build succeeded: {FileName}",
        });
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>A fresh random guid per build, like S3 links; the file name is the title made safe, the platform and the
    /// package extension.</summary>
    private static string NewStorageKey(ArtifactSpec spec, bool hasSigningKey) =>
        $"public/{Guid.NewGuid():N}/{FileNames.Sanitize(spec.Title)}-{spec.Platform}.{Platforms.Extension(spec.Platform, hasSigningKey)}";
}

internal static class BuildStates
{
    public const string Pending = "pending";
    public const string Complete = "complete";
    public const string Error = "error";
}
