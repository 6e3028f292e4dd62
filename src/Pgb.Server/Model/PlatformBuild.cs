using Pgb.Server.Build;

namespace Pgb.Server.Model;

/// <summary>One queued build of one platform. Immutable once queued: its outcome is computed lazily from the
/// queue time (no background timers), and its artifact from inputs captured at queue time, so the bytes do not
/// depend on when (or how often) they are asked for.</summary>
internal sealed class PlatformBuild
{
    private readonly Lazy<byte[]> _artifact;

    /// <summary>A new build, queued at <paramref name="queuedAt"/>: pending for <paramref name="duration"/>, with a
    /// fresh storage key.</summary>
    public PlatformBuild(ArtifactSpec spec, DateTimeOffset queuedAt, TimeSpan duration, string? failure, bool hasSigningKey)
        : this(spec, queuedAt, duration, failure, NewStorageKey(spec, hasSigningKey), readyAt: queuedAt + duration)
    {
    }

    /// <summary>A build read back from a data directory: same spec and storage key (so its download link and bytes stay
    /// what they were), leaving pending at <paramref name="readyAt"/> on this server's clock, which the loader computes
    /// from what was left of the build's time.</summary>
    public PlatformBuild(ArtifactSpec spec, DateTimeOffset queuedAt, TimeSpan duration, string? failure, string storageKey, DateTimeOffset readyAt)
    {
        Spec = spec;
        QueuedAt = queuedAt;
        Duration = duration;
        Failure = failure;
        StorageKey = storageKey;
        FileName = storageKey[(storageKey.LastIndexOf('/') + 1)..];
        Extension = Path.GetExtension(FileName).TrimStart('.');
        ReadyAt = readyAt;
        _artifact = new Lazy<byte[]>(() => ArtifactFactory.Create(spec), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ArtifactSpec Spec { get; }

    public string Platform => Spec.Platform;

    public DateTimeOffset QueuedAt { get; }

    public TimeSpan Duration { get; }

    /// <summary>The error message this build ends with, or null when it succeeds.</summary>
    public string? Failure { get; }

    public string Extension { get; }

    public string FileName { get; }

    /// <summary>Blob key under which <c>/storage/</c> serves the artifact (a fresh random guid per build, like S3 links).</summary>
    public string StorageKey { get; }

    /// <summary>When the build stops being pending: <see cref="QueuedAt"/> + <see cref="Duration"/>, unless it was
    /// read back after a restart.</summary>
    public DateTimeOffset ReadyAt { get; }

    public string State(DateTimeOffset now) =>
        now < ReadyAt ? BuildStates.Pending : Failure is null ? BuildStates.Complete : BuildStates.Error;

    public byte[] Artifact => _artifact.Value;

    public string Log(DateTimeOffset now)
    {
        var state = State(now);
        var lines = new List<string>
        {
            $"Build #{Spec.BuildNumber} of app #{Spec.AppId} for {Spec.Platform} queued at {QueuedAt:O}",
            $"Source sha256 {Spec.SourceSha256}",
        };
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
