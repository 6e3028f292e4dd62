namespace Pgb.Server.Tests;

/// <summary>Data directories written by earlier servers, kept in TestData (TestData/README.md says how each was made).</summary>
internal static class OldDataDirectories
{
    public static string TestDataPath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    /// <summary>A temporary copy of TestData/<paramref name="name"/> for a server to open (and upgrade) without touching the original.</summary>
    public static TempDirectory Copy(string name)
    {
        var copy = new TempDirectory();
        try
        {
            var source = TestDataPath(name);
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = copy.Combine(Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }
}
