using System.IO.Compression;

namespace Pgb.Pipeline.Tests;

[TestClass]
public sealed class PackagerTests
{
    private static readonly (string Path, string Text)[] Files =
    [
        ("index.html", "<html><body>hello</body></html>"),
        ("css/app.css", "body { color: red; }"),
        ("js/lib/x.js", "var x = 1;"),
        ("js/app.js", "console.log('app');"),
        ("B.txt", "upper"),
        ("a.txt", "lower"),
        ("_underscore.txt", "u"),
        ("img/Icon.png", "png-bytes"),
    ];

    private static void WriteWww(TempDirectory temp, string folder, IEnumerable<(string Path, string Text)> files)
    {
        foreach (var (path, text) in files)
        {
            temp.WriteFile(folder + "/" + path, text);
        }
    }

    private static List<(string Name, string Text, DateTime Time)> ReadZip(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return [.. zip.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return (e.FullName, reader.ReadToEnd(), e.LastWriteTime.DateTime);
        })];
    }

    [TestMethod]
    public async Task Package_SameInputTwice_GivesByteIdenticalArchives()
    {
        using var temp = new TempDirectory();
        WriteWww(temp, "www", Files);

        var first = await temp.PackageWwwAsync("out/1.zip");
        var second = await temp.PackageWwwAsync("out/2.zip");

        CollectionAssert.AreEqual(await File.ReadAllBytesAsync(first.ArchivePath), await File.ReadAllBytesAsync(second.ArchivePath));
        Assert.AreEqual(Files.Length, first.EntryCount);
        Assert.AreEqual(new FileInfo(first.ArchivePath).Length, first.Length);
    }

    [TestMethod]
    public async Task Package_AfterTouchingTimestampsAndCreatingFilesInAnotherOrder_GivesByteIdenticalArchive()
    {
        using var temp = new TempDirectory();
        WriteWww(temp, "www1", Files);
        WriteWww(temp, "www2", Files.Reverse());
        foreach (var file in Directory.EnumerateFiles(temp.Combine("www2"), "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2031, 7, 15, 13, 14, 15, DateTimeKind.Utc));
        }

        File.SetLastWriteTimeUtc(temp.Combine("www1", "index.html"), new DateTime(1999, 1, 2, 3, 4, 5, DateTimeKind.Utc));

        var first = await PgbPackager.PackageAsync(new PgbPackageRequest { WwwDirectory = temp.Combine("www1"), OutputPath = temp.Combine("1.zip") });
        var second = await PgbPackager.PackageAsync(new PgbPackageRequest { WwwDirectory = temp.Combine("www2"), OutputPath = temp.Combine("2.zip") });

        CollectionAssert.AreEqual(await File.ReadAllBytesAsync(first.ArchivePath), await File.ReadAllBytesAsync(second.ArchivePath));
    }

    [TestMethod]
    public async Task Package_EntriesAreSortedOrdinalWithForwardSlashesAndAFixedTime()
    {
        using var temp = new TempDirectory();
        WriteWww(temp, "www", Files);

        var result = await temp.PackageWwwAsync();

        var entries = ReadZip(result.ArchivePath);
        var names = entries.Select(e => e.Name).ToArray();
        CollectionAssert.AreEqual(
            new[] { "B.txt", "_underscore.txt", "a.txt", "css/app.css", "img/Icon.png", "index.html", "js/app.js", "js/lib/x.js" },
            names);
        foreach (var name in names)
        {
            Assert.DoesNotContain("\\", name);
            Assert.IsFalse(name.StartsWith('/'), name);
            Assert.IsFalse(Path.IsPathRooted(name), name);
            Assert.DoesNotContain("..", name.Split('/'));
        }

        Assert.IsTrue(entries.All(e => e.Time == new DateTime(1980, 1, 1)), string.Join(", ", entries.Select(e => e.Time)));
        Assert.AreEqual("var x = 1;", entries.Single(e => e.Name == "js/lib/x.js").Text);
    }

    [TestMethod]
    public async Task Package_WithSeparateConfigXml_PutsItAtTheRootInsteadOfWwwConfigXml()
    {
        using var temp = new TempDirectory();
        WriteWww(temp, "www", Files);
        temp.WriteFile("www/config.xml", "<widget>inner</widget>");
        var config = temp.WriteFile("config.xml", "<widget>outer</widget>");

        var result = await PgbPackager.PackageAsync(new PgbPackageRequest { WwwDirectory = temp.Combine("www"), ConfigXml = config, OutputPath = temp.Combine("app.zip") });

        var entries = ReadZip(result.ArchivePath);
        var configs = entries.Where(e => e.Name.EndsWith("config.xml", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.HasCount(1, configs);
        Assert.AreEqual("config.xml", configs[0].Name);
        Assert.AreEqual("<widget>outer</widget>", configs[0].Text);
        Assert.IsTrue(result.HasConfigXml);
        Assert.AreEqual(Files.Length + 1, result.EntryCount);
        CollectionAssert.AreEqual(entries.Select(e => e.Name).Order(StringComparer.Ordinal).ToArray(), entries.Select(e => e.Name).ToArray());
    }

    [TestMethod]
    public async Task Package_WithOnlyWwwConfigXml_KeepsItAtTheRoot()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        temp.WriteFile("www/config.xml", "<widget>inner</widget>");

        var result = await temp.PackageWwwAsync();

        Assert.IsTrue(result.HasConfigXml);
        Assert.AreEqual("<widget>inner</widget>", ReadZip(result.ArchivePath).Single(e => e.Name == "config.xml").Text);
    }

    [TestMethod]
    public async Task Package_WithoutAnyConfigXml_SaysSo()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");

        var result = await temp.PackageWwwAsync();

        Assert.IsFalse(result.HasConfigXml);
        Assert.AreEqual(1, result.EntryCount);
    }

    /// <summary>A www folder with no file to package (absent, or only empty folders) fails before anything is written.</summary>
    [TestMethod]
    [DataRow(null, PgbErrorCodes.WwwDirectoryNotFound, "PGB1003", DisplayName = "Package_WhenWwwIsMissing_FailsWithPGB1003AndWritesNothing")]
    [DataRow("www/empty-subfolder", PgbErrorCodes.WwwDirectoryEmpty, "PGB1010", DisplayName = "Package_WhenWwwIsEmpty_FailsWithPGB1010AndWritesNothing")]
    public async Task Package_WhenWwwHasNoFile_FailsWithItsCodeAndWritesNothing(string? folder, string code, string documentedCode)
    {
        using var temp = new TempDirectory();
        if (folder is not null)
        {
            Directory.CreateDirectory(temp.Combine(folder.Split('/')));
        }

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(() => temp.PackageWwwAsync());

        Assert.AreEqual(code, ex.Code);
        Assert.AreEqual(documentedCode, ex.Code);
        Assert.IsEmpty(temp.ListFiles());
    }

    [TestMethod]
    public async Task Package_WhenConfigXmlIsMissing_FailsWithPGB1004AndWritesNothing()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PgbPackager.PackageAsync(new PgbPackageRequest { WwwDirectory = temp.Combine("www"), ConfigXml = temp.Combine("config.xml"), OutputPath = temp.Combine("app.zip") }));

        Assert.AreEqual(PgbErrorCodes.ConfigXmlNotFound, ex.Code);
        Assert.AreEqual("PGB1004", ex.Code);
        CollectionAssert.AreEqual(new[] { "www/index.html" }, temp.ListFiles().ToArray());
    }

    [TestMethod]
    public async Task Package_WhenTheArchiveCannotBeMovedIntoPlace_FailsWithPGB4001AndLeavesNoPartialFile()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        // A folder where the zip should go: the archive is written under a temporary name, then the rename fails.
        Directory.CreateDirectory(temp.Combine("out", "app.zip"));

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(() => temp.PackageWwwAsync("out/app.zip"));

        Assert.AreEqual(PgbErrorCodes.ArchiveWriteFailed, ex.Code);
        Assert.IsEmpty(temp.ListFiles("out"));
    }

    [TestMethod]
    public async Task Package_WhenCanceled_LeavesNoPartialFileAndKeepsThePreviousArchive()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        temp.WriteFile("out/app.zip", "previous archive");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        await Assert.ThrowsAsync<OperationCanceledException>(() => temp.PackageWwwAsync("out/app.zip", cancel.Token));

        CollectionAssert.AreEqual(new[] { "app.zip" }, temp.ListFiles("out").ToArray());
        Assert.AreEqual("previous archive", await File.ReadAllTextAsync(temp.Combine("out", "app.zip")));
    }

    [TestMethod]
    public async Task Package_WhenOutputExists_ReplacesIt()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        temp.WriteFile("app.zip", "stale");

        var result = await temp.PackageWwwAsync();

        Assert.AreEqual("hi", ReadZip(result.ArchivePath).Single().Text);
        CollectionAssert.AreEqual(new[] { "app.zip", "www/index.html" }, temp.ListFiles().ToArray());
    }

    [TestMethod]
    public void EntryName_ForAFileOutsideTheRoot_Throws()
    {
        var root = Path.Combine(Path.GetTempPath(), "www");
        var outside = root + Path.DirectorySeparatorChar + ".." + Path.DirectorySeparatorChar + "secret.txt";

        var ex = Assert.ThrowsExactly<PgbPipelineException>(() => PgbPackager.EntryName(root, outside));

        Assert.AreEqual(PgbErrorCodes.ArchiveWriteFailed, ex.Code);
    }

    [TestMethod]
    public void EntryName_ForANestedFile_IsRelativeWithForwardSlashes()
    {
        var root = Path.Combine(Path.GetTempPath(), "www");

        var name = PgbPackager.EntryName(root, Path.Combine(root, "js", "lib", "x.js"));

        Assert.AreEqual("js/lib/x.js", name);
    }

    /// <summary>PhoneGap Build left out of the app any folder holding a <c>.pgbomit</c> file (typically res/, the icons and
    /// splash screens config.xml names per platform): the archive leaves them out too, markers included.</summary>
    [TestMethod]
    public async Task Package_LeavesOutEveryFolderHoldingAPgbomitFile_AndTheMarkers_ButNeverTheWwwItself()
    {
        using var temp = new TempDirectory();
        WriteWww(temp, "www",
        [
            ("index.html", "app"),
            (".pgbomit", string.Empty),
            ("res/.pgbomit", string.Empty),
            ("res/icon/android/icon.png", "png"),
            ("docs/guide.html", "guide"),
            ("docs/drafts/.PGBOMIT", string.Empty),
            ("docs/drafts/next.html", "draft"),
            ("js/.pgbomit/not-a-marker.txt", "a folder of that name is no marker"),
            ("js/app.js", "go()"),
        ]);

        var result = await temp.PackageWwwAsync("out/app.zip");

        CollectionAssert.AreEqual(new[] { "docs/guide.html", "index.html", "js/app.js" }, ReadZip(result.ArchivePath).Select(e => e.Name).ToArray());
        Assert.AreEqual(3, result.EntryCount);
    }
}
