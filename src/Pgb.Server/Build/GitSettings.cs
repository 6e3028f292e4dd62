namespace Pgb.Server.Build;

/// <summary>How the server fetches repositories: with the <c>git</c> executable, a shallow clone per fetch, no prompts,
/// within a time limit. Fixed, except that tests point <see cref="Executable"/> elsewhere (no git), shorten the timeout and
/// allow only <c>file</c> (so no test reaches the network).</summary>
internal sealed record GitSettings
{
    public static readonly GitSettings Default = new();

    /// <summary>The program run: <c>git</c> on the PATH.</summary>
    public string Executable { get; init; } = "git";

    /// <summary>The longest one fetch may take, clone and packing together; then git is stopped and the builds that waited
    /// end in error.</summary>
    public TimeSpan CloneTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The transports git may use (its <c>protocol.NAME.allow</c>); every other one, <c>ext::</c> included, is
    /// refused by git itself.</summary>
    public IReadOnlyList<string> Protocols { get; init; } = ["https", "http", "ssh", "git", "file"];

    /// <summary>Fetches run at once; more wait their turn (their builds stay pending).</summary>
    public int MaxConcurrentCheckouts { get; init; } = 2;
}
