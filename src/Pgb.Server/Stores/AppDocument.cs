namespace Pgb.Server.Stores;

/// <summary>One app as <c>DIR/apps/N.json</c> holds it (format <see cref="DataFormat.Current"/>). Plain data: the
/// mapping to and from <see cref="Model.AppRecord"/> is in <see cref="AppDocumentMapper"/>. <c>required</c> and the
/// nullable annotations are enforced when reading, so a file missing a field is rejected rather than half-read.</summary>
internal sealed class AppDocument
{
    public required int Format { get; init; }

    public required int Id { get; init; }

    /// <summary>Format 1 only: the owner's position in the accounts configured then (1 = the first). Not written since:
    /// positions change with the configuration.</summary>
    public int? OwnerId { get; init; }

    /// <summary>The owner's identity (see <see cref="AccountRegistry"/>); in format 1, the e-mail of the account at
    /// <see cref="OwnerId"/> when the file was last written.</summary>
    public required string OwnerEmail { get; init; }

    public required bool RepoBacked { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required string Title { get; init; }

    public string? Package { get; init; }

    public string? Version { get; init; }

    public string? Description { get; init; }

    public bool Debug { get; init; }

    /// <summary>Required, unlike the other flags: its default (true) is not the type's.</summary>
    public required bool Private { get; init; }

    public bool Hydrates { get; init; }

    public required string PhonegapVersion { get; init; }

    public string? Repo { get; init; }

    public int PullCount { get; init; }

    /// <summary>Since format 3, like the fields down to <see cref="SourceCommit"/>: absent in older files.</summary>
    public string? Tag { get; init; }

    public bool? Share { get; init; }

    /// <summary>Platform -> PhoneGap version (<c>ios_phonegap_version</c>, ...).</summary>
    public Dictionary<string, string>? PlatformPhonegapVersions { get; init; }

    /// <summary>The repository fetch under way when the file was written; it is started again when the server starts.</summary>
    public string? CheckoutId { get; init; }

    public string? SourceCommit { get; init; }

    public string? SourceKey { get; init; }

    public string? SourceFileName { get; init; }

    public required string SourceSha256 { get; init; }

    public string? SourceProblem { get; init; }

    public int? BuildCount { get; init; }

    public Dictionary<string, int>? KeyIds { get; init; }

    public IconDocument? Icon { get; init; }

    public Dictionary<string, BuildDocument>? Builds { get; init; }

    /// <summary>Format 3 on: the people the app is shared with, by e-mail (left out when there are none). Whether each is
    /// active is not stored: it depends on the accounts configured at each start.</summary>
    public List<CollaboratorDocument>? Collaborators { get; init; }

    /// <summary>Format 3 on: the highest collaborator id handed out for the app; left out while it is the owner's (1).</summary>
    public int? LastCollaboratorId { get; init; }
}

internal sealed class CollaboratorDocument
{
    /// <summary>From 2 on (1 is the owner's), unique within the app.</summary>
    public required int Id { get; init; }

    public required string Email { get; init; }

    /// <summary><c>tester</c>, <c>developer</c> or <c>admin</c>.</summary>
    public required string Role { get; init; }
}

internal sealed class IconDocument
{
    public required string FileName { get; init; }

    public required string StorageKey { get; init; }
}

/// <summary>One platform's build. <see cref="QueuedAt"/> and <see cref="Duration"/> are the facts; <see cref="Finished"/>
/// records that the build had left pending when the file was written, so a finished build stays finished after a
/// restart even if the wall clock was set back in between.</summary>
internal sealed class BuildDocument
{
    public required DateTimeOffset QueuedAt { get; init; }

    public required TimeSpan Duration { get; init; }

    public required bool Finished { get; init; }

    /// <summary>Since format 3: the build waits for its app's repository fetch (<see cref="AppDocument.CheckoutId"/>).</summary>
    public bool AwaitingSource { get; init; }

    public string? Failure { get; init; }

    /// <summary><c>public/GUID/FILE</c>: the download link handed out, kept across restarts.</summary>
    public required string StorageKey { get; init; }

    /// <summary>Everything the package is made from, so it is rebuilt byte for byte when it was never stored.</summary>
    public required ArtifactSpecDocument Spec { get; init; }
}

internal sealed class ArtifactSpecDocument
{
    public required int AppId { get; init; }

    public required string Title { get; init; }

    public required string Package { get; init; }

    public required string Version { get; init; }

    public required string Platform { get; init; }

    public required int BuildNumber { get; init; }

    public required string SourceSha256 { get; init; }

    public string? Repo { get; init; }

    public required bool Debug { get; init; }

    public required string PhonegapVersion { get; init; }

    /// <summary>Since format 3: the source blob the package is made from (older builds take their app's, when it is the
    /// one they were queued with).</summary>
    public string? SourceKey { get; init; }

    public string? SourceCommit { get; init; }
}
