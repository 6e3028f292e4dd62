namespace Pgb.Server.Apps;

/// <summary>POST /apps as sent: <see cref="CreateMethod"/>, <see cref="Repo"/> and <see cref="Platforms"/> are null when
/// missing (the service infers and checks them), the platforms as the client spelled them.</summary>
internal sealed record NewApp(string? CreateMethod, Upload? File, string? Repo, IReadOnlyList<string>? Platforms, AppEdits Edits);

/// <summary>PUT /apps/:id as sent: a new source for file apps, <see cref="Pull"/> or a new <see cref="Repo"/> for repo
/// apps, and metadata.</summary>
internal sealed record AppUpdate(Upload? File, bool Pull, string? Repo, AppEdits Edits)
{
    /// <summary>v0's push (the GitHub post-receive hook): a pull, whatever the body says.</summary>
    public static readonly AppUpdate PullOnly = new(null, true, null, AppEdits.None);
}

/// <summary>The metadata fields of the Write API a create or update carries. A null property was not sent; a
/// <see cref="TextEdit"/> holding null clears its field; <see cref="Keys"/> holds the <c>keys</c> entries of known
/// platforms (empty when <c>keys</c> named none).</summary>
internal sealed record AppEdits
{
    public static readonly AppEdits None = new();

    /// <summary>Trimmed; a blank title counts as not sent.</summary>
    public string? Title { get; init; }

    public TextEdit? Package { get; init; }

    public TextEdit? Version { get; init; }

    public TextEdit? Description { get; init; }

    /// <summary>Cleared means the default, <see cref="Defaults.PhonegapVersion"/>.</summary>
    public TextEdit? PhonegapVersion { get; init; }

    public bool? Debug { get; init; }

    public bool? Private { get; init; }

    public bool? Hydrates { get; init; }

    public IReadOnlyList<KeySelection>? Keys { get; init; }

    /// <summary>The branch or tag a repo-backed app fetches (pgb-cli's <c>tag</c>).</summary>
    public TextEdit? Tag { get; init; }

    public bool? Share { get; init; }

    /// <summary><c>PLATFORM_phonegap_version</c> fields sent, by canonical platform; a blank one clears it.</summary>
    public IReadOnlyDictionary<string, TextEdit>? PlatformPhonegapVersions { get; init; }

    /// <summary>True when any field was sent: an update that sends any queues a build.</summary>
    public bool Any =>
        Title is not null || Package is not null || Version is not null || Description is not null || PhonegapVersion is not null
        || Debug is not null || Private is not null || Hydrates is not null || Keys is not null
        || Tag is not null || Share is not null || PlatformPhonegapVersions is { Count: > 0 };
}

/// <summary>A text field that was sent: its trimmed value, or null when it was sent blank.</summary>
internal readonly record struct TextEdit(string? Value);

/// <summary>One <c>keys</c> entry: the key id to select on <see cref="Platform"/> (null: select none), and the passwords
/// an entry given as an object carries (null for a bare id), already hashed, which unlock that key.</summary>
internal sealed record KeySelection(string Platform, int? Id, IReadOnlyDictionary<string, Keys.KeyPasswordHash>? Passwords);
