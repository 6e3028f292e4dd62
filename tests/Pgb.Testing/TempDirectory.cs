namespace Pgb.Testing;

/// <summary>
/// A fresh folder under the system temp folder, deleted with everything in it on dispose: the one way tests make a
/// temp folder. Declare it before a server that keeps its data in it, so the server is disposed (and lets go of its
/// files) first.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("pgb-tests-").FullName;

    public string Path { get; }

    /// <summary>A path inside the folder (nothing is created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a file (creating its folders) and returns its full path.</summary>
    public string WriteFile(string relativePath, string text)
    {
        var full = Combine(relativePath.Split('/'));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    /// <summary>Every file below <paramref name="relativeFolder"/> (or the root), relative, '/'-separated, sorted.</summary>
    public IReadOnlyList<string> ListFiles(string? relativeFolder = null)
    {
        var root = relativeFolder is null ? Path : Combine(relativeFolder.Split('/'));
        if (!Directory.Exists(root))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }

    public void Dispose()
    {
        // A file still open elsewhere (Windows) can make the first attempt fail; clean-up never fails a test.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(50);
            }
        }
    }
}
