namespace Pgb.Server.Model;

/// <summary>One app as one request saw it: the version the request read or produced (never changed afterwards), the
/// instant that decides its builds' states, and the signing keys it selects as they were then (null for an id that
/// names none of the owner's keys). Every app answer, v1 or v0, is rendered from one, without any lock.</summary>
internal sealed record AppView(AppRecord App, DateTimeOffset Now, IReadOnlyDictionary<string, KeyInfo?> SelectedKeys)
{
    /// <summary>The caller's role on the app: the <c>role</c> of its answers.</summary>
    public AppRole Role { get; init; } = AppRole.Owner;

    /// <summary>Everyone with access, the owner first, then by id; null when the caller may not see them (the Read API
    /// shows them to the owner; here to whoever may change them).</summary>
    public IReadOnlyList<CollaboratorView>? Collaborators { get; init; }
}
