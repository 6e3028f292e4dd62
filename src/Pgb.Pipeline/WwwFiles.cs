namespace Pgb.Pipeline;

/// <summary>One file of the archive: its name in the zip, the file to read, and how many bytes to take.</summary>
internal readonly struct WwwFile(string name, string path, long length)
{
    public string Name { get; } = name;
    public string Path { get; } = path;
    public long Length { get; } = length;
}

/// <summary>
/// Lists what of a www folder goes into the archive (docs/pgb.md, "Packaging"):
/// <list type="bullet">
/// <item>everything, hidden files and node_modules included (an app may load them), except version-control
/// folders (<c>.git</c>, <c>.hg</c>, <c>.svn</c>: history, and maybe secrets, the build service has no use for)
/// and desktop litter (<c>.DS_Store</c>, <c>Thumbs.db</c>, <c>desktop.ini</c>: they change as folders are
/// browsed, which would change the archive's bytes);</item>
/// <item>a folder holding a <c>.pgbomit</c> file is left out with everything in it, as PhoneGap Build left such
/// folders out of the app it built (the www folder itself is never left out); the marker file never goes in;</item>
/// <item>symbolic links are followed only while they stay inside www: a link out of it (which would upload
/// whatever it points at, ~/.ssh included) or to a folder above it (which would nest the tree in itself) is
/// PGB1012; a link to nothing is PGB4004;</item>
/// <item>a folder or file that cannot be read is PGB4004, named.</item>
/// </list>
/// </summary>
internal static class WwwFiles
{
    /// <summary>The marker of a folder to leave out (PhoneGap Build's name; its content is never read).</summary>
    public const string OmitMarker = ".pgbomit";

    private static readonly HashSet<string> LeftOut = new(StringComparer.OrdinalIgnoreCase)
    {
        ".git", ".hg", ".svn", ".DS_Store", "Thumbs.db", "desktop.ini", OmitMarker,
    };

    /// <summary>True for names the archive never holds, file or folder.</summary>
    public static bool IsLeftOut(string name) => LeftOut.Contains(name);

    /// <summary>
    /// The files under <paramref name="www"/> (a full path), unsorted; <paramref name="skip"/> (a full path: the
    /// archive being written, when someone put it inside www) is left out.
    /// </summary>
    public static List<WwwFile> Collect(string www, string? skip, CancellationToken cancellationToken)
    {
        var files = new List<WwwFile>();
        string root;
        try
        {
            root = SymbolicLinks.RealPath(www);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw ReadFailed(www, ex);
        }

        var realSkip = skip is null ? null : RealPathOrSelf(skip);
        var walk = new Walk(www, root, realSkip, files, cancellationToken);
        walk.Folder(root, prefix: string.Empty, displayPath: www, ancestors: [root]);
        return files;
    }

    private static string RealPathOrSelf(string path)
    {
        try
        {
            return SymbolicLinks.RealPath(path);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            return path;
        }
    }

    internal static PgbPipelineException ReadFailed(string path, Exception ex) =>
        new(PgbErrorCodes.WwwReadFailed, Strings.WwwReadFailed.F(path, ex.Message), ex);

    private sealed class Walk(string www, string root, string? skip, List<WwwFile> files, CancellationToken cancellationToken)
    {
        /// <param name="folder">The real path to list.</param>
        /// <param name="prefix">The entry name of that folder, ending in '/' (empty for www).</param>
        /// <param name="displayPath">The path the user knows it by (through links), for messages.</param>
        /// <param name="ancestors">Real paths of the folders being walked, this one included: a link back to one loops.</param>
        public void Folder(string folder, string prefix, string displayPath, List<string> ancestors)
        {
            FileSystemInfo[] children;
            try
            {
                children = new DirectoryInfo(folder).GetFileSystemInfos();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is System.Security.SecurityException)
            {
                throw ReadFailed(displayPath, ex);
            }

            // Below the www folder, a marker leaves the whole folder out (links included: they are not followed).
            if (prefix.Length > 0 && Array.Exists(children, c => string.Equals(c.Name, OmitMarker, StringComparison.OrdinalIgnoreCase)
                && (c.Attributes & FileAttributes.Directory) == 0))
            {
                return;
            }

            foreach (var child in children)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (IsLeftOut(child.Name))
                {
                    continue;
                }
                // Only possible outside Windows, where it is a plain character: unzip tools on Windows read it as a folder.
                if (child.Name.IndexOf('\\') >= 0)
                {
                    throw new PgbPipelineException(PgbErrorCodes.UnsafeWwwEntry, Strings.WwwNameUnsafe.F(Path.Combine(displayPath, child.Name)));
                }

                var name = prefix + child.Name;
                var shown = Path.Combine(displayPath, child.Name);
                try
                {
                    Entry(child, name, shown, ancestors);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is System.Security.SecurityException)
                {
                    throw ReadFailed(shown, ex);
                }
            }
        }

        private void Entry(FileSystemInfo child, string name, string shown, List<string> ancestors)
        {
            var real = child.FullName;
            if (SymbolicLinks.FinalTarget(child) is { } target)
            {
                if (!File.Exists(target) && !Directory.Exists(target))
                {
                    throw new FileNotFoundException(Strings.WwwLinkToNothing.F(target), shown);
                }

                real = SymbolicLinks.RealPath(target);
                if (!SymbolicLinks.IsSameOrBelow(real, root))
                {
                    throw new PgbPipelineException(PgbErrorCodes.UnsafeWwwEntry, Strings.WwwLinkOutside.F(shown, real, www));
                }
            }

            if ((child.Attributes & FileAttributes.Directory) != 0)
            {
                if (ancestors.Exists(a => string.Equals(a, real, SymbolicLinks.PathComparison)))
                {
                    throw new PgbPipelineException(PgbErrorCodes.UnsafeWwwEntry, Strings.WwwLinkLoop.F(shown, real));
                }

                ancestors.Add(real);
                Folder(real, name + "/", shown, ancestors);
                ancestors.RemoveAt(ancestors.Count - 1);
                return;
            }

            if (skip is not null && string.Equals(real, skip, SymbolicLinks.PathComparison))
            {
                return;
            }
            // EntryName is the last check of every name (relative, no '..'); the length is the real file's (a link's
            // own is that of the path it holds) and packaging reads no more than it.
            var entryName = PgbPackager.EntryName(root, Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar)));
            files.Add(new WwwFile(entryName, real, new FileInfo(real).Length));
        }
    }
}
