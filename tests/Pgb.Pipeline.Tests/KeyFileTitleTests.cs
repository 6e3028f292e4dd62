using Pgb.Pipeline;

namespace Pgb.Pipeline.Tests;

/// <summary>The title an uploaded key file is found by again: the same files, the same title; anything changed, another.</summary>
[TestClass]
public sealed class KeyFileTitleTests
{
    private readonly TempDirectory _temp = new();

    [TestCleanup]
    public void Cleanup() => _temp.Dispose();

    private string File(string name, string contents)
    {
        var path = Path.Combine(_temp.Path, name);
        System.IO.File.WriteAllText(path, contents);
        return path;
    }

    [TestMethod]
    public void ContentTitle_NamesTheAppThePlatformAndAHashThatFollowsTheContents()
    {
        var keystore = File("a.keystore", "one");
        var title = PgbKeyFiles.ContentTitle("MyApp", "android", "release", keystore);

        StringAssert.Matches(title, new System.Text.RegularExpressions.Regex("^MyApp android [0-9a-f]{12}$"));
        Assert.AreEqual(title, PgbKeyFiles.ContentTitle("MyApp", "android", "release", File("copy.keystore", "one")), "the file's name is not part of it");
        Assert.AreNotEqual(title, PgbKeyFiles.ContentTitle("MyApp", "android", "other", keystore), "the alias is");
        Assert.AreNotEqual(title, PgbKeyFiles.ContentTitle("MyApp", "android", "release", File("b.keystore", "two")), "the contents are");
    }

    [TestMethod]
    public void ContentTitle_KeepsTheFilesApart_SoBytesMovedBetweenThemChangeIt()
    {
        var split = PgbKeyFiles.ContentTitle("MyApp", "ios", null, File("c1", "ab"), File("p1", "c"));
        var moved = PgbKeyFiles.ContentTitle("MyApp", "ios", null, File("c2", "a"), File("p2", "bc"));

        Assert.AreNotEqual(split, moved);
    }

    [TestMethod]
    public void ContentTitle_OfAMissingFile_IsPGB1019()
    {
        var ex = Assert.ThrowsExactly<PgbPipelineException>(() => PgbKeyFiles.ContentTitle("MyApp", "android", "a", Path.Combine(_temp.Path, "none")));

        Assert.AreEqual("PGB1019", ex.Code);
    }
}
