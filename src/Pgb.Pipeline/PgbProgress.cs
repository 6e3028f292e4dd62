namespace Pgb.Pipeline;

public enum PgbStage
{
    Package,
    Upload,
    Build,
    Wait,
    Download,
}

/// <summary>What the pipeline is doing; the MSBuild tasks log it, the tool draws it.</summary>
public sealed class PgbProgress(PgbStage stage, string message, string? platform = null, long? bytes = null)
{
    public PgbStage Stage { get; } = stage;

    /// <summary>One line for a person; never holds a secret.</summary>
    public string Message { get; } = message;

    public string? Platform { get; } = platform;

    /// <summary>Bytes so far, for transfers.</summary>
    public long? Bytes { get; } = bytes;

    /// <summary>The transfer's full size when known (a download with a Content-Length), for a progress bar.</summary>
    public long? TotalBytes { get; set; }

    /// <summary>Platform statuses at this poll, for <see cref="PgbStage.Wait"/>.</summary>
    public IReadOnlyDictionary<string, string?>? Statuses { get; set; }

    public override string ToString() => Message;
}
