namespace Pgb.Tool;

/// <summary>What a command reads from its surroundings besides its arguments; tests pass their own.</summary>
internal sealed class ToolEnvironment(Func<string, string?> getVariable, bool colorOnStderr = false)
{
    /// <summary>The variable that names the server when <c>--server</c> is not given.</summary>
    public const string ServerUrlVariable = "PGB_SERVER_URL";

    /// <summary>The default variable that holds the token (<c>--token-variable</c> names another).</summary>
    public const string DefaultTokenVariable = "PGB_AUTH_TOKEN";

    /// <summary>The real process: its environment variables; colour when stderr is a terminal and NO_COLOR is unset.</summary>
    public static ToolEnvironment FromProcess() => new(
        Environment.GetEnvironmentVariable,
        colorOnStderr: !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    /// <summary>An environment variable's value; null when unset or blank.</summary>
    public string? GetVariable(string name)
    {
        var value = getVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public bool ColorOnStderr { get; } = colorOnStderr;
}
