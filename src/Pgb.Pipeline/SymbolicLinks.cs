using System.Reflection;
using System.Runtime.InteropServices;

namespace Pgb.Pipeline;

/// <summary>
/// Where symbolic links lead, so packaging can refuse one that leaves www. netstandard2.0 cannot name
/// <c>FileSystemInfo.ResolveLinkTarget</c>, but every runtime the tool and .NET MSBuild run on (.NET 6+) has it;
/// Visual Studio's .NET Framework MSBuild does not, and there links are read like the folders and files they
/// point to (a reparse point there may as well be a OneDrive placeholder, which must not fail the build).
/// </summary>
internal static class SymbolicLinks
{
    private static readonly MethodInfo? ResolveLinkTarget =
        typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", BindingFlags.Public | BindingFlags.Instance, null, [typeof(bool)], null);

    /// <summary>How many links one path may go through, as Linux's ELOOP limit.</summary>
    private const int MaxHops = 40;

    /// <summary>Paths compare without case where the usual file system ignores it.</summary>
    public static StringComparison PathComparison { get; } =
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;

    public static bool IsLink(FileSystemInfo info) => (info.Attributes & FileAttributes.ReparsePoint) != 0 && (int)info.Attributes != -1;

    /// <summary>
    /// The full path a link finally leads to (through chains of links), or null when it is not a link this runtime
    /// can read. The target may not exist. Throws IOException for a chain that loops.
    /// </summary>
    public static string? FinalTarget(FileSystemInfo link)
    {
        if (ResolveLinkTarget is null || !IsLink(link))
        {
            return null;
        }

        try
        {
            return (ResolveLinkTarget.Invoke(link, [true]) as FileSystemInfo)?.FullName;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    /// <summary>
    /// <paramref name="fullPath"/> with every link along it replaced by where it leads (like realpath(3)): two
    /// paths to the same folder give the same string, so "inside www" and "a folder above" can be decided.
    /// </summary>
    public static string RealPath(string fullPath) => RealPath(Path.GetFullPath(fullPath), 0);

    private static string RealPath(string fullPath, int hops)
    {
        var root = Path.GetPathRoot(fullPath) ?? string.Empty;
        var parts = fullPath.Substring(root.Length).Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            if (FinalTarget(new FileInfo(next)) is { } target)
            {
                if (hops >= MaxHops)
                {
                    throw new IOException(Strings.WwwLinkTooDeep.F(fullPath));
                }
                // The target's own folders may be links too: resolve it again, with what followed this part.
                return RealPath(Path.GetFullPath(Path.Combine([target, .. parts.Skip(i + 1)])), hops + 1);
            }

            current = next;
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies below it (both real paths).</summary>
    public static bool IsSameOrBelow(string path, string folder)
    {
        var trimmed = folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (string.Equals(path, trimmed, PathComparison))
        {
            return true;
        }

        return path.StartsWith(trimmed + Path.DirectorySeparatorChar, PathComparison);
    }
}
