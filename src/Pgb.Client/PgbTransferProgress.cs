namespace Pgb.Client;

/// <summary>How far a download is: bytes so far, and the total when the storage announced one (Content-Length).</summary>
public readonly struct PgbTransferProgress(long bytesTransferred, long? totalBytes)
{
    public long BytesTransferred { get; } = bytesTransferred;

    /// <summary>Null when the storage streamed without a length: progress can then only count, not measure.</summary>
    public long? TotalBytes { get; } = totalBytes;
}
