using System.Runtime.InteropServices;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pgb.Pipeline;

/// <summary>
/// The per-user credentials file that <c>pgb login</c> writes: one token per server URL, and the server logged in to
/// last (the default of commands given no server). It lives in <c>$XDG_CONFIG_HOME/pgb</c> (else <c>~/.config/pgb</c>),
/// or <c>%APPDATA%\pgb</c> on Windows; on Unix the file is readable by its owner only (0600, its folder 0700), and it
/// is replaced in one step, so a reader never sees half of it. Failures are PGB4005 (not written) and PGB4006 (not read).
/// </summary>
public sealed class PgbCredentialStore
{
    public const string FileName = "credentials.json";

    public PgbCredentialStore(string path) => Path = System.IO.Path.GetFullPath(path ?? throw new ArgumentNullException(nameof(path)));

    /// <summary>The credentials file.</summary>
    public string Path { get; }

    /// <summary>Where the file goes for the user whose environment <paramref name="getVariable"/> reads.</summary>
    public static string DefaultPath(Func<string, string?> getVariable)
    {
        if (getVariable is null)
        {
            throw new ArgumentNullException(nameof(getVariable));
        }

        string? Variable(string name) => getVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        string folder;
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            folder = Variable("APPDATA") ?? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
        }
        else
        {
            folder = Variable("XDG_CONFIG_HOME")
                ?? System.IO.Path.Combine(Variable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        }

        return System.IO.Path.Combine(folder, "pgb", FileName);
    }

    /// <summary>The login stored for <paramref name="server"/>, or null.</summary>
    public PgbStoredLogin? Find(Uri server)
    {
        var key = Key(server);
        return Read().Logins.TryGetValue(key, out var login) ? login : null;
    }

    /// <summary>The server logged in to last, while its login is still stored; else null.</summary>
    public Uri? DefaultServer
    {
        get
        {
            var file = Read();
            return file.Default is { } server && file.Logins.ContainsKey(server) ? new Uri(server) : null;
        }
    }

    /// <summary>Stores the token of <paramref name="server"/> (replacing one stored before) and makes it the default server.</summary>
    public void Save(Uri server, string userName, string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new ArgumentException("No token to store.", nameof(token));
        }

        var file = Read();
        var key = Key(server);
        file.Logins[key] = new PgbStoredLogin(new Uri(key), userName ?? string.Empty, token);
        file.Default = key;
        Write(file);
    }

    /// <summary>Forgets the token of <paramref name="server"/>; false when none was stored. The file goes once it holds no login.</summary>
    public bool Remove(Uri server)
    {
        var file = Read();
        var key = Key(server);
        if (!file.Logins.Remove(key))
        {
            return false;
        }

        if (file.Default == key)
        {
            file.Default = null;
        }

        if (file.Logins.Count == 0)
        {
            Delete();
        }
        else
        {
            Write(file);
        }

        return true;
    }

    /// <summary>How a server URL is keyed: scheme and host lower-cased, the port always, a trailing slash, no query.</summary>
    public static string Key(Uri server)
    {
        if (server is null || !server.IsAbsoluteUri)
        {
            throw new ArgumentException("The server URL must be absolute.", nameof(server));
        }

        var path = server.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? server.AbsolutePath : server.AbsolutePath + "/";
        return $"{server.Scheme.ToLowerInvariant()}://{server.Host.ToLowerInvariant()}:{server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}{path}";
    }

    private sealed class StoreFile
    {
        public string? Default { get; set; }

        public Dictionary<string, PgbStoredLogin> Logins { get; } = new(StringComparer.Ordinal);
    }

    private StoreFile Read()
    {
        var file = new StoreFile();
        string text;
        try
        {
            if (!File.Exists(Path))
            {
                return file;
            }

            text = File.ReadAllText(Path);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new PgbPipelineException(PgbErrorCodes.CredentialsUnreadable, Strings.CredentialsUnreadable.F(Path, ex.Message), ex);
        }

        try
        {
            var json = JObject.Parse(text);
            file.Default = json["default"] is JValue { Type: JTokenType.String } server ? (string?)server : null;
            if (json["servers"] is JObject servers)
            {
                foreach (var entry in servers.Properties())
                {
                    if (entry.Value is JObject login && login["token"] is JValue { Type: JTokenType.String } token && Uri.TryCreate(entry.Name, UriKind.Absolute, out var url))
                    {
                        file.Logins[entry.Name] = new PgbStoredLogin(url, login["username"] is JValue { Type: JTokenType.String } user ? (string)user! : string.Empty, (string)token!);
                    }
                }
            }
        }
        catch (JsonException ex)
        {
            // The message names the file, never its content: it holds tokens.
            throw new PgbPipelineException(PgbErrorCodes.CredentialsUnreadable, Strings.CredentialsCorrupt.F(Path), ex);
        }

        return file;
    }

    private void Write(StoreFile file)
    {
        var servers = new JObject();
        foreach (var login in file.Logins.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            servers[login.Key] = new JObject { ["username"] = login.Value.UserName, ["token"] = login.Value.Token };
        }

        var text = new JObject { ["default"] = file.Default, ["servers"] = servers }.ToString(Formatting.Indented) + "\n";
        var temporary = PgbFiles.TemporaryNameFor(Path);
        try
        {
            var folder = System.IO.Path.GetDirectoryName(Path)!;
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
                OwnerOnly(folder, directory: true);
            }

            // Owner-only before the token is written into it: the rename keeps the mode.
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                OwnerOnly(temporary, directory: false);
                var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            PgbFiles.MoveIntoPlace(temporary, Path);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new PgbPipelineException(PgbErrorCodes.CredentialsWriteFailed, Strings.CredentialsWriteFailed.F(Path, ex.Message), ex);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private void Delete()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new PgbPipelineException(PgbErrorCodes.CredentialsWriteFailed, Strings.CredentialsWriteFailed.F(Path, ex.Message), ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            // A leftover temporary file is owner-only, like the file itself.
        }
    }

    /// <summary>0600 for the file, 0700 for its folder (Unix); Windows keeps %APPDATA%'s per-user access list.</summary>
    private static void OwnerOnly(string path, bool directory)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return;
        }

        if (UnixPermissions.chmod(path, directory ? 0x1C0 /* 0700 */ : 0x180 /* 0600 */) != 0)
        {
            throw new IOException(Strings.CredentialsModeFailed.F(path, Marshal.GetLastWin32Error()));
        }
    }

    private static class UnixPermissions
    {
        [DllImport("libc", SetLastError = true)]
#pragma warning disable IDE1006 // the C library's name
        public static extern int chmod(string path, int mode);
#pragma warning restore IDE1006
    }
}

/// <summary>A token stored by <c>pgb login</c>: the server, the user who logged in, and the token (never print it).</summary>
public sealed class PgbStoredLogin(Uri server, string userName, string token)
{
    public Uri Server { get; } = server;

    public string UserName { get; } = userName;

    public string Token { get; } = token;

    /// <summary>Never the token.</summary>
    public override string ToString() => $"{UserName} on {Server}";
}
