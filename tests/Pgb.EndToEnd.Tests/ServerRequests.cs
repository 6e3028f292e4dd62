using System.Text.RegularExpressions;
using Pgb.Server;

namespace Pgb.EndToEnd.Tests;

/// <summary>What the server was asked, counted the way the tests reason about a run of the job.</summary>
internal static partial class ServerRequests
{
    /// <summary>POST /api/v1/apps/:id/build: one per run of the job.</summary>
    public static int QueuedBuilds(this PgbServer server) => server.Requests.Count(r => r.Method == "POST" && QueueBuildPath().IsMatch(r.Path));

    /// <summary>POST /api/v1/apps: apps created.</summary>
    public static int CreatedApps(this PgbServer server) => server.Requests.Count(r => r.Method == "POST" && CreateAppPath().IsMatch(r.Path));

    [GeneratedRegex(@"^/api/v1/apps/\d+/build(\?|$)")]
    private static partial Regex QueueBuildPath();

    [GeneratedRegex(@"^/api/v1/apps/?(\?|$)")]
    private static partial Regex CreateAppPath();
}
