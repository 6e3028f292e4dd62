using System.Text;

namespace Pgb.Testing;

/// <summary>One part of a multipart request body, as the fake handler read it.</summary>
public sealed class RecordedPart
{
    public required string? Name { get; init; }

    public required string? FileName { get; init; }

    /// <summary>The part's Content-Type header, or null when it has none.</summary>
    public required string? ContentType { get; init; }

    public required byte[] Body { get; init; }

    public string BodyText => Encoding.UTF8.GetString(Body);
}
