namespace Pgb.Server;

/// <summary>How to start a <see cref="PgbServer"/>.</summary>
public sealed class PgbServerOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (read it back from <see cref="PgbServer.BaseUri"/>).
    /// The server never binds anything but the loopback address.</summary>
    public int Port { get; set; }

    /// <summary>A second TCP port on 127.0.0.1 for downloads and icons (0 picks a free one; read it back from
    /// <see cref="PgbServer.StorageUri"/>), as the service sent them to S3 on another host: the API's 302s then point there,
    /// the storage port answers nothing but <c>/storage/...</c>, and the API port no <c>/storage/...</c>. Null (the default)
    /// serves both from <see cref="Port"/>.</summary>
    public int? StoragePort { get; set; }

    /// <summary>Accounts to accept; empty means just <see cref="PgbAccount.Development"/> (who starts with a default
    /// development key for android and ios); configured accounts start with no key.</summary>
    public IList<PgbAccount> Accounts { get; } = new List<PgbAccount>();

    /// <summary>How long a queued platform stays <c>pending</c> before it is <c>complete</c> (or <c>error</c>), at most
    /// <see cref="PgbSimulation.MaxBuildDuration"/>. Initial value of <see cref="PgbSimulation.BuildDuration"/>.</summary>
    public TimeSpan BuildDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Platform -> error message: builds of these platforms end in <c>error</c> with that message.
    /// <c>windows</c> is read as <c>winphone</c>. Initial value of the runtime-mutable <see cref="PgbSimulation"/>.</summary>
    public IDictionary<string, string> FailingPlatforms { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where apps, uploaded sources, builds, icons and packages are kept across restarts; null (the default)
    /// keeps everything in memory. Created when missing; relative paths are resolved against the current directory.
    /// One server per directory: a second one fails to start with a <see cref="PgbDataDirectoryException"/>, as does a
    /// directory holding files this server cannot read. Accounts are not stored there: they come from
    /// <see cref="Accounts"/> on every start.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Host names requests may name besides 127.0.0.1, localhost and [::1], in <c>Host</c> or, behind a reverse
    /// proxy, in <c>X-Forwarded-Host</c> (the proxy's public name): DNS names or IP addresses, no port. Requests naming any
    /// other host are refused (400), which defeats DNS rebinding.</summary>
    public IList<string> AllowedHosts { get; } = new List<string>();

    /// <summary>Receives one line per request: method, path (auth_token redacted), status, duration.</summary>
    public Action<string>? Log { get; set; }

    /// <summary>The default of <see cref="MaxUploadBytes"/>: 256 MiB.</summary>
    public const long DefaultMaxUploadBytes = 256L * 1024 * 1024;

    /// <summary>The largest multipart body an upload may have (an app's source, an icon, a signing key's files), from 1 byte
    /// to <see cref="Array.MaxLength"/> (the stores hold an upload as one array). A larger upload is answered 413 before
    /// it is read; other request bodies are limited to 1 MiB.</summary>
    public long MaxUploadBytes { get; set; } = DefaultMaxUploadBytes;

    /// <summary>The other limits; tests shrink timeouts to see them act.</summary>
    internal Hosting.ServerLimits? Limits { get; set; }

    /// <summary>How repositories are fetched; tests allow only file:// and point at a missing git.</summary>
    internal Build.GitSettings? Git { get; set; }
}
