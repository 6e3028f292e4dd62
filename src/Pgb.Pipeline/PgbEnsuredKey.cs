using Pgb.Client.Models;

namespace Pgb.Pipeline;

/// <summary>What <see cref="PgbPipeline.EnsureKeyAsync"/> found or uploaded.</summary>
public sealed class PgbEnsuredKey
{
    public PgbEnsuredKey(PgbKeyReference key, bool uploaded)
    {
        Key = key;
        Uploaded = uploaded;
    }

    public PgbKeyReference Key { get; }

    /// <summary>True when the key was uploaded now (with its passwords, if any), false when it was on the service already.</summary>
    public bool Uploaded { get; }
}
