using System.IO.Compression;

namespace Pgb.Build.Tasks.Tests;

/// <summary>The PgbPackage task, as MSBuild runs it (on a mock engine): what it puts in the archive.</summary>
[TestClass]
public sealed class PackageTaskTests : TaskTestBase
{
    [TestMethod]
    public void Package_LeavesOutFoldersHoldingAPgbomitFile_AsPhoneGapBuildDid()
    {
        var www = Path.Combine(Temp, "www");
        Write(www, "index.html", "<html/>");
        Write(www, "res/.pgbomit", string.Empty);
        Write(www, "res/screen/ios/Default@2x.png", "png");
        Write(www, "img/logo.png", "png");
        Write(Temp, "config.xml", "<widget/>");
        var engine = new MockEngine();
        var task = new PgbPackage { BuildEngine = engine, ProjectFile = UserProject, WwwDirectory = www, ConfigXml = Path.Combine(Temp, "config.xml"), OutputFile = Path.Combine(Temp, "obj", "app.zip") };

        Assert.IsTrue(task.Execute(), engine.AllText());

        using var zip = ZipFile.OpenRead(task.Archive!);
        CollectionAssert.AreEqual(new[] { "config.xml", "img/logo.png", "index.html" }, zip.Entries.Select(e => e.FullName).ToArray());
    }

    private static void Write(string folder, string path, string text)
    {
        var full = Path.Combine([folder, .. path.Split('/')]);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
