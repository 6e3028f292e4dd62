namespace Pgb.Client;

/// <summary>The status values the service used for a platform.</summary>
public static class PgbBuildStatus
{
    public const string Pending = "pending";
    public const string Complete = "complete";
    public const string Error = "error";
    public const string Skip = "skip";

    /// <summary>
    /// True when a platform's build has ended. <c>null</c> ("not being built", until a signing key arrives),
    /// <c>skip</c> and unknown values are not: a wait keeps polling through unknown ones, bounded by its timeout, and
    /// gives up on a platform that stays <c>null</c> without a key, or <c>skip</c> (docs/pgb.md, "Waiting").
    /// </summary>
    public static bool IsFinished(string? status) => status == Complete || status == Error;
}
