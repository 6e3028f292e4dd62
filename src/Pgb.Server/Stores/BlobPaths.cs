using System.Security.Cryptography;
using System.Text;

namespace Pgb.Server.Stores;

/// <summary>Maps blob keys (<c>source/12</c>, <c>public/GUID/My-App-android.apk</c>) to files under the blobs folder.
/// Keys reach this from URLs (<c>/storage/{guid}/{file}</c>), so the mapping admits only what the server itself makes:
/// '/'-separated segments of ASCII letters, digits, '.', '_' and '-', starting with a letter, digit or '_' and not
/// ending with '.'. That rules out "..", ".", empty segments, rooted paths, '\', ':' and drive letters; the result is
/// then checked once more to lie inside the folder.</summary>
internal static class BlobPaths
{
    /// <summary>Longer segments are stored under a hash, within every file system's name limit.</summary>
    private const int MaxSegmentLength = 100;

    private const int MaxSegments = 8;

    private static readonly HashSet<string> WindowsDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static bool IsValidKey(string? key) => RelativePath(key) is not null;

    /// <summary>The file for <paramref name="key"/> under <paramref name="blobsRoot"/>, or null when the key is not one
    /// the server would make (such a key names no blob).</summary>
    public static string? FullPath(string blobsRoot, string? key)
    {
        if (RelativePath(key) is not { } relative)
        {
            return null;
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(blobsRoot)) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }

    private static string? RelativePath(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var segments = key.Split('/');
        if (segments.Length > MaxSegments)
        {
            return null;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            if (!IsSafe(segments[i]))
            {
                return null;
            }

            segments[i] = Escape(segments[i]);
        }

        return Path.Combine(segments);
    }

    private static bool IsSafe(string segment) =>
        segment.Length > 0
        && (char.IsAsciiLetterOrDigit(segment[0]) || segment[0] == '_')
        && segment[^1] != '.'
        && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Keeps names portable (a directory copied to Windows must still work) and the mapping one-to-one: escaped
    /// names start with '~', which no key segment can.</summary>
    private static string Escape(string segment)
    {
        if (segment.Length > MaxSegmentLength)
        {
            return "~~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(segment)));
        }

        var stem = segment.Split('.')[0];
        return WindowsDeviceNames.Contains(stem) ? "~" + segment : segment;
    }
}
