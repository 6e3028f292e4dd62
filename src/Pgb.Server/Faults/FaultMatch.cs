namespace Pgb.Server.Faults;

/// <summary>Checks and normalizes what a fault rule matches, so a typo fails when the rule is added rather than
/// silently matching nothing during a test.</summary>
internal static class FaultMatch
{
    /// <summary><c>*</c> (or empty) is any method, stored as null; anything else must be an HTTP token.</summary>
    public static string? Method(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Length == 0 || method == "*")
        {
            return null;
        }

        if (!method.All(char.IsAsciiLetter))
        {
            throw new ArgumentException($"'{method}' is not an HTTP method (GET, POST, ... or * for any).", nameof(method));
        }

        return method.ToUpperInvariant();
    }

    /// <summary><c>api</c> and <c>storage</c> name those trees; a path must start with <c>/</c>. Runs of slashes and a
    /// trailing slash are dropped, as the server does for requests.</summary>
    public static string Path(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.Equals(path, "api", StringComparison.OrdinalIgnoreCase))
        {
            return "/api";
        }

        if (string.Equals(path, "storage", StringComparison.OrdinalIgnoreCase))
        {
            return "/storage";
        }

        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"'{path}' is neither a path starting with '/' nor 'api' or 'storage'.", nameof(path));
        }

        return Normalize(path);
    }

    public static int Times(int times)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        return times;
    }

    /// <summary>Faults run before the server's own path clean-up (they play a front end), so requests are matched on
    /// the cleaned path here too: <c>/api//v1/apps/</c> is <c>/api/v1/apps</c>.</summary>
    public static string Normalize(string path)
    {
        while (path.Contains("//", StringComparison.Ordinal))
        {
            path = path.Replace("//", "/", StringComparison.Ordinal);
        }

        return path.Length > 1 && path.EndsWith('/') ? path[..^1] : path;
    }
}
