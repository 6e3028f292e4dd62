namespace Pgb.Testing;

/// <summary>The repository the tests run from: found by walking up from the test assembly to Pgb.Build.Tasks.sln.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Pgb.Build.Tasks.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("Could not find Pgb.Build.Tasks.sln above " + AppContext.BaseDirectory);
    });

    /// <summary>The folder holding Pgb.Build.Tasks.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>A path in the repository, e.g. <c>Path("docs", "errors.md")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
