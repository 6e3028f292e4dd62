using System.Text.RegularExpressions;
using Pgb.Server;

namespace Pgb.Testing;

/// <summary>What tests ask a running server besides HTTP: its request journal, counted the way the tests reason about
/// a run, and its finished builds.</summary>
public static partial class PgbServerExtensions
{
    /// <summary>The recorded requests for exactly <paramref name="method"/> <paramref name="path"/> (query ignored).</summary>
    public static PgbRecordedRequest[] RequestsTo(this PgbServer server, string method, string path) =>
        server.Requests.Where(r => r.Method == method && r.Path.Split('?')[0] == path).ToArray();

    /// <summary>The GETs of package files (storage), where the download's redirects lead.</summary>
    public static PgbRecordedRequest[] StorageGets(this PgbServer server) =>
        server.Requests.Where(r => r.Method == "GET" && r.Path.StartsWith("/storage/", StringComparison.Ordinal)).ToArray();

    /// <summary>POST /api/v1/apps/:id/build: one per run of the job.</summary>
    public static int QueuedBuilds(this PgbServer server) => server.Requests.Count(r => r.Method == "POST" && QueueBuildPath().IsMatch(r.Path));

    /// <summary>POST /api/v1/apps: apps created.</summary>
    public static int CreatedApps(this PgbServer server) => server.Requests.Count(r => r.Method == "POST" && CreateAppPath().IsMatch(r.Path));

    /// <summary>Waits on the server itself (not on a client, whose retries may be under test) until the platform's
    /// build is over; fails the test after 30 seconds rather than hang it.</summary>
    public static async Task WaitForArtifactAsync(this PgbServer server, int appId, string platform)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (server.GetArtifact(appId, platform) is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new AssertFailedException($"app {appId} never completed {platform}");
            }

            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"^/api/v1/apps/\d+/build(\?|$)")]
    private static partial Regex QueueBuildPath();

    [GeneratedRegex(@"^/api/v1/apps/?(\?|$)")]
    private static partial Regex CreateAppPath();
}
