using System.Reflection;

namespace Pgb.Server.Hosting;

/// <summary>The server's version, as <c>GET /health</c> shows it: the assembly's informational version (the package
/// version, plus the commit when the build knew it).</summary>
internal static class ServerVersion
{
    public static string Text { get; } =
        typeof(ServerVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ServerVersion).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
