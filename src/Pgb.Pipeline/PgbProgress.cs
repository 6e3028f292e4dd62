namespace Pgb.Pipeline;

public enum PgbStage
{
    Package,
    Upload,
    Build,
    Wait,
    Download,
}

/// <summary>What a progress event reports: reporters switch on it, never on the wording of the message.</summary>
public enum PgbProgressKind
{
    /// <summary>A step of the stage is done (packaged, uploaded, created, keys chosen, builds queued): a line for the log.</summary>
    Step,

    /// <summary>The build statuses changed while waiting: <see cref="PgbProgress.Statuses"/> holds every chosen platform's.</summary>
    StatusChange,

    /// <summary>
    /// A transfer is under way: <see cref="PgbProgress.Bytes"/> so far of <see cref="PgbProgress.Platform"/>'s file,
    /// <see cref="PgbProgress.TotalBytes"/> when known. Thinned by the pipeline to one a second.
    /// </summary>
    TransferProgress,

    /// <summary>A transfer is done and its file saved: <see cref="PgbProgress.Bytes"/> is its length.</summary>
    TransferDone,
}

/// <summary>What the pipeline is doing; the MSBuild tasks log it, the tool draws it.</summary>
public sealed class PgbProgress
{
    private PgbProgress(PgbProgressKind kind, PgbStage stage, string message)
    {
        Kind = kind;
        Stage = stage;
        Message = message;
    }

    public PgbProgressKind Kind { get; }

    public PgbStage Stage { get; }

    /// <summary>One line for a person; never holds a secret.</summary>
    public string Message { get; }

    /// <summary>The platform whose file is transferred; null for other kinds.</summary>
    public string? Platform { get; private set; }

    /// <summary>Bytes so far (<see cref="PgbProgressKind.TransferProgress"/>) or in all (<see cref="PgbProgressKind.TransferDone"/>).</summary>
    public long? Bytes { get; private set; }

    /// <summary>The transfer's full size when known (a download with a Content-Length), for a progress bar.</summary>
    public long? TotalBytes { get; private set; }

    /// <summary>Platform statuses at this poll, for <see cref="PgbProgressKind.StatusChange"/>.</summary>
    public IReadOnlyDictionary<string, string?>? Statuses { get; private set; }

    public static PgbProgress Step(PgbStage stage, string message) => new(PgbProgressKind.Step, stage, message);

    public static PgbProgress StatusChange(string message, IReadOnlyDictionary<string, string?> statuses) =>
        new(PgbProgressKind.StatusChange, PgbStage.Wait, message) { Statuses = statuses ?? throw new ArgumentNullException(nameof(statuses)) };

    public static PgbProgress TransferProgress(PgbStage stage, string platform, long bytes, long? totalBytes, string message) =>
        new(PgbProgressKind.TransferProgress, stage, message) { Platform = platform, Bytes = bytes, TotalBytes = totalBytes };

    public static PgbProgress TransferDone(PgbStage stage, string platform, long bytes, string message) =>
        new(PgbProgressKind.TransferDone, stage, message) { Platform = platform, Bytes = bytes };

    public override string ToString() => Message;
}
