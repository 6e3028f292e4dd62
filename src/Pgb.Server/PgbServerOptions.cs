namespace Pgb.Server;

/// <summary>How to start a <see cref="PgbServer"/>.</summary>
public sealed class PgbServerOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (read it back from <see cref="PgbServer.BaseUri"/>).
    /// The server never binds anything but the loopback address.</summary>
    public int Port { get; set; }

    /// <summary>Accounts to accept; empty means just <see cref="PgbAccount.Development"/>.</summary>
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

    /// <summary>Receives one line per request: method, path (auth_token redacted), status, duration.</summary>
    public Action<string>? Log { get; set; }
}
