namespace Pgb.Tool.Tests;

/// <summary>
/// The expected <c>--json</c> documents, one file per command in tests/Pgb.Tool.Tests/Golden. Run the tests with
/// PGB_UPDATE_GOLDEN=1 to write them afresh after a deliberate change, then review the diff.
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string name, string actual)
    {
        var path = RepositoryFiles.Path("tests", "Pgb.Tool.Tests", "Golden", name + ".json");
        var text = actual.Trim() + "\n";
        if (Environment.GetEnvironmentVariable("PGB_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return;
        }

        Assert.IsTrue(File.Exists(path), $"no golden file {path}: run the tests with PGB_UPDATE_GOLDEN=1 to write it");
        Assert.AreEqual(File.ReadAllText(path).ReplaceLineEndings("\n"), text, $"pgb {name} --json differs from Golden/{name}.json");
    }
}
