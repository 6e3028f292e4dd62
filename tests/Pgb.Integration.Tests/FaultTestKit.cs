using System.IO.Compression;

namespace Pgb.Integration.Tests;

/// <summary>Shared set-up of the fault tests: clients with short retry delays (the tests count requests, they must not
/// wait out production back-offs), and apps created before any fault is planned. What they ask the server itself is
/// in Pgb.Testing's <see cref="PgbServerExtensions"/>.</summary>
internal static class FaultTestKit
{
    /// <summary>A new client, so a new connection pool: an aborted first request is then seen by the client's own retry
    /// logic, not silently resent by SocketsHttpHandler on another pooled connection.</summary>
    public static PgbClient Client(PgbServer server, int maxRetries = 3, TimeSpan? maxDelay = null) =>
        new(server.BaseUri, PgbCredential.FromToken(PgbAccount.Development.Token), new PgbClientOptions
        {
            Retry = { MaxRetries = maxRetries, Delay = TimeSpan.FromMilliseconds(10), MaxDelay = maxDelay ?? TimeSpan.FromMilliseconds(100) },
            RequestTimeout = TimeSpan.FromSeconds(10),
        });

    /// <summary>Creates a file app through a client of its own, so the client under test starts on a fresh connection
    /// and the journal's requests for the app's path are the test's alone.</summary>
    public static async Task<int> CreateAppAsync(PgbServer server, string directory)
    {
        var www = Path.Combine(directory, "www");
        Directory.CreateDirectory(www);
        File.WriteAllText(Path.Combine(www, "index.html"), "<html><body>Faults</body></html>");
        var archive = Path.Combine(directory, "app.zip");
        ZipFile.CreateFromDirectory(www, archive);
        using var setup = Client(server);
        return (await setup.CreateAppFromFileAsync(new Pgb.Client.Models.PgbAppCreateOptions { Title = "Faults" }, archive)).Id;
    }
}
