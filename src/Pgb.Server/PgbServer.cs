namespace Pgb.Server;

/// <summary>A running PhoneGap-Build-compatible server on 127.0.0.1 (think Azurite). Start one per test or per
/// <c>pgb serve</c>; several can run in one process.</summary>
public sealed class PgbServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServerState _state;
    private int _stopped;

    private PgbServer(WebApplication app, ServerState state, Uri baseUri, Uri? storageUri)
    {
        _app = app;
        _state = state;
        BaseUri = baseUri;
        StorageUri = storageUri;
    }

    /// <summary>http://127.0.0.1:PORT/ with the port actually bound.</summary>
    public Uri BaseUri { get; }

    /// <summary>http://127.0.0.1:STORAGEPORT/, the origin downloads and icons are served from, when
    /// <see cref="PgbServerOptions.StoragePort"/> was given; null when they are served from <see cref="BaseUri"/>.</summary>
    public Uri? StorageUri { get; }

    /// <summary>Every HTTP request received, on any path, including rejected ones.</summary>
    public long RequestCount => _state.Journal.Count;

    /// <summary>Snapshot of the answered requests, oldest first (the latest 10,000).</summary>
    public IReadOnlyList<PgbRecordedRequest> Requests => _state.Journal.Snapshot();

    /// <summary>Full path of the data directory in use, or null when everything is in memory.</summary>
    public string? DataDirectory => _state.Storage.DataDirectory;

    /// <summary>Build duration and failing platforms, changeable at run time.</summary>
    public PgbSimulation Simulation => _state.Simulation;

    /// <summary>Builds and starts a server. With <see cref="PgbServerOptions.DataDirectory"/>, the directory is locked and
    /// read completely first.</summary>
    /// <exception cref="PgbDataDirectoryException">the data directory is in use, unreadable, damaged or newer; nothing
    /// was started.</exception>
    /// <exception cref="IOException">the port cannot be bound.</exception>
    public static Task<PgbServer> StartAsync(PgbServerOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, TimeProvider.System, cancellationToken);

    /// <summary>Tests pass a clock they move by hand, to see builds end without waiting for them.</summary>
    internal static async Task<PgbServer> StartAsync(PgbServerOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        if (options.StoragePort is { } storagePort)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(storagePort, nameof(options.StoragePort));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(storagePort, 65535, nameof(options.StoragePort));
            if (storagePort != 0 && storagePort == options.Port)
            {
                throw new ArgumentException($"StoragePort {storagePort} is also Port: the storage needs a port of its own (or 0 for a free one).", nameof(options));
            }
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxUploadBytes, 1, nameof(options.MaxUploadBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxUploadBytes, Array.MaxLength, nameof(options.MaxUploadBytes));
        if (options.DataDirectory is { } dataDirectory && string.IsNullOrWhiteSpace(dataDirectory))
        {
            throw new ArgumentException("DataDirectory is empty: give a directory, or null to keep everything in memory.", nameof(options));
        }

        CheckAccounts(options.Accounts);
        if (options.AllowedHosts.FirstOrDefault(h => !Middleware.AllowedHostsMiddleware.IsValid(h)) is { } badHost)
        {
            throw new ArgumentException($"AllowedHosts holds '{badHost}', which is not a host name or IP address (no scheme, port or path).", nameof(options));
        }

        var state = new ServerState(options, time);
        WebApplication? app = null;
        try
        {
            (app, var endpoints) = ServerApp.Build(state, options.Port, options.StoragePort);
            await app.StartAsync(cancellationToken);
            state.StoragePort = endpoints.StoragePort;
            return new PgbServer(app, state, new Uri($"http://127.0.0.1:{endpoints.ApiPort}/"),
                endpoints.StoragePort is { } bound ? new Uri($"http://127.0.0.1:{bound}/") : null);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            // A server that failed to start (port taken) must not keep its data directory locked.
            state.Close();
            throw;
        }
    }

    /// <summary>Apps in the data directory whose owner is not a configured account: kept, unreachable, never given to
    /// another account (also written to <see cref="PgbServerOptions.Log"/> at start). Empty in memory.</summary>
    public IReadOnlyList<PgbUnreachableApps> UnreachableApps => _state.Storage.Unreachable;

    /// <summary>The bytes of the app's current completed build for <paramref name="platform"/> - exactly what a download
    /// serves - or null when there is no such app, no build, or it is still pending or failed.</summary>
    public byte[]? GetArtifact(int appId, string platform) => _state.Apps.CurrentArtifact(appId, platform);

    /// <summary>An account is its e-mail address (apps in a data directory belong to it), and a login or a token must name
    /// one account: all three are unique, and none is blank.</summary>
    private static void CheckAccounts(IList<PgbAccount> accounts)
    {
        foreach (var account in accounts)
        {
            ArgumentNullException.ThrowIfNull(account, "options");
            if (string.IsNullOrWhiteSpace(account.UserName) || string.IsNullOrWhiteSpace(account.Email)
                || string.IsNullOrEmpty(account.Password) || string.IsNullOrEmpty(account.Token))
            {
                throw new ArgumentException($"The account '{account.UserName}' lacks a user name, e-mail, password or token.", "options");
            }
        }

        Unique(accounts.Select(a => a.Email), StringComparer.OrdinalIgnoreCase, "e-mail", show: true);
        Unique(accounts.Select(a => a.UserName), StringComparer.OrdinalIgnoreCase, "user name", show: true);
        Unique(accounts.Select(a => a.Token), StringComparer.Ordinal, "token", show: false);

        static void Unique(IEnumerable<string> values, StringComparer comparer, string what, bool show)
        {
            if (values.GroupBy(v => v, comparer).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            {
                throw new ArgumentException(show
                    ? $"Two accounts have the {what} '{duplicate.Key}': each account needs its own."
                    : $"Two accounts have the same {what}: each account needs its own.", "options");
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            try
            {
                await _app.StopAsync(cancellationToken);
            }
            finally
            {
                // After the requests in flight are done (or abandoned by cancellation: their writes are refused from now).
                _state.Close();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
