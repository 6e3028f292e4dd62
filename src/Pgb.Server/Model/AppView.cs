using Pgb.Server.Keys;

namespace Pgb.Server.Model;

/// <summary>One app as one request saw it: the version the request read or produced (never changed afterwards), the
/// instant that decides its builds' states, and the signing keys it selects as they were then (null for an id that
/// names none of the owner's keys). Every app answer, v1 or v0, is rendered from one, without any lock.</summary>
internal sealed record AppView(AppRecord App, DateTimeOffset Now, IReadOnlyDictionary<string, KeyInfo?> SelectedKeys);
