using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace Pgb.Pipeline.Tests;

/// <summary>What the packager takes from www and what it refuses: links, special files, litter, names.</summary>
[TestClass]
public sealed class PackagerSafetyTests
{
    private static Task<PgbPackageResult> PackageAsync(TempDirectory temp, string www = "www", string? output = null, CancellationToken cancellationToken = default) =>
        PgbPackager.PackageAsync(new PgbPackageRequest { WwwDirectory = temp.Combine(www), OutputPath = output ?? temp.Combine("out", "app.zip") }, cancellationToken);

    /// <summary>Packaging fails with <paramref name="code"/>, names <paramref name="entry"/> and leaves nothing in out/.</summary>
    private static async Task<PgbPipelineException> AssertRefusedAsync(TempDirectory temp, string code, string entry)
    {
        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(() => PackageAsync(temp));

        Assert.AreEqual(code, ex.Code);
        Assert.Contains(entry, ex.Message);
        Assert.IsEmpty(temp.ListFiles("out"));
        return ex;
    }

    private static Dictionary<string, string> ReadZip(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        });
    }

    [TestMethod]
    public async Task Package_WithALinkToAFileOutsideWww_FailsWithPGB1012AndWritesNoArchive()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        var secret = temp.WriteFile("secret/id_rsa", "PRIVATE KEY");
        File.CreateSymbolicLink(temp.Combine("www", "key.txt"), secret);

        var ex = await AssertRefusedAsync(temp, PgbErrorCodes.UnsafeWwwEntry, "key.txt");

        Assert.AreEqual("PGB1012", ex.Code);
    }

    [TestMethod]
    public async Task Package_WithALinkToAFolderAbove_FailsWithPGB1012InsteadOfPackingTheTreeOverAndOver()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        Directory.CreateDirectory(temp.Combine("www", "sub"));
        Directory.CreateSymbolicLink(temp.Combine("www", "sub", "up"), "..");

        await AssertRefusedAsync(temp, PgbErrorCodes.UnsafeWwwEntry, "up");
    }

    [TestMethod]
    public async Task Package_WithLinksThatStayInsideWww_PacksTheTargetsUnderTheLinkNames()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        temp.WriteFile("www/lib/v2/lib.js", "lib();");
        File.CreateSymbolicLink(temp.Combine("www", "start.html"), "index.html");
        Directory.CreateSymbolicLink(temp.Combine("www", "current"), Path.Combine("lib", "v2"));

        var result = await PackageAsync(temp);

        var entries = ReadZip(result.ArchivePath);
        CollectionAssert.AreEqual(
            new[] { "current/lib.js", "index.html", "lib/v2/lib.js", "start.html" },
            entries.Keys.ToArray());
        Assert.AreEqual("hi", entries["start.html"]);
        Assert.AreEqual("lib();", entries["current/lib.js"]);
    }

    [TestMethod]
    public async Task Package_WhenWwwItselfIsALink_PacksWhatItPointsTo()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("dist/index.html", "built");
        Directory.CreateSymbolicLink(temp.Combine("www"), temp.Combine("dist"));

        var result = await PackageAsync(temp);

        Assert.AreEqual("built", ReadZip(result.ArchivePath)["index.html"]);
    }

    [TestMethod]
    public async Task Package_WithABrokenLink_FailsWithPGB4004NamingTheFile()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        File.CreateSymbolicLink(temp.Combine("www", "gone.js"), "nothing-here.js");

        var ex = await AssertRefusedAsync(temp, PgbErrorCodes.WwwReadFailed, "gone.js");

        Assert.AreEqual("PGB4004", ex.Code);
    }

    [TestMethod]
    public async Task Package_WithANamedPipe_StoresItEmptyInsteadOfWaitingForAWriter()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        var fifo = temp.Combine("www", "pipe");
        if (!TryMakeFifo(fifo))
        {
            Assert.Inconclusive("mkfifo is not available here.");
        }

        var result = await PackageAsync(temp).WaitAsync(TimeSpan.FromSeconds(20));

        var entries = ReadZip(result.ArchivePath);
        Assert.AreEqual(string.Empty, entries["pipe"]);
        Assert.AreEqual("hi", entries["index.html"]);
    }

    [TestMethod]
    public async Task Package_LeavesOutVersionControlFoldersAndDesktopLitter_AndKeepsOtherHiddenFilesAndNodeModules()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        temp.WriteFile("www/.git/config", "[core]");
        temp.WriteFile("www/js/.svn/entries", "svn");
        temp.WriteFile("www/.hg/store", "hg");
        temp.WriteFile("www/.DS_Store", "finder");
        temp.WriteFile("www/img/Thumbs.db", "explorer");
        temp.WriteFile("www/desktop.ini", "explorer");
        temp.WriteFile("www/.well-known/assetlinks.json", "[]");
        temp.WriteFile("www/.htaccess", "deny");
        temp.WriteFile("www/node_modules/lib/index.js", "lib();");
        temp.WriteFile("www/js/.git-notes.txt", "a file, not the folder");

        var result = await PackageAsync(temp);

        CollectionAssert.AreEqual(
            new[] { ".htaccess", ".well-known/assetlinks.json", "index.html", "js/.git-notes.txt", "node_modules/lib/index.js" },
            ReadZip(result.ArchivePath).Keys.ToArray());
    }

    [TestMethod]
    public async Task Package_WithNonAsciiNames_StoresThemAsUtf8WithTheLanguageEncodingFlag()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        temp.WriteFile("www/café/ünïcødé-名前.txt", "utf8");

        var result = await PackageAsync(temp);

        Assert.AreEqual("utf8", ReadZip(result.ArchivePath)["café/ünïcødé-名前.txt"]);
        var central = CentralDirectory(await File.ReadAllBytesAsync(result.ArchivePath));
        Assert.AreEqual(0x0800, central["café/ünïcødé-名前.txt"] & 0x0800, "bit 11: the name is UTF-8");
    }

    [TestMethod]
    public async Task Package_WhenTheArchiveGoesInsideWww_LeavesItOut_SoTheNextRunGivesTheSameBytes()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        var output = temp.Combine("www", "app.zip");

        await PackageAsync(temp, output: output);
        var first = await File.ReadAllBytesAsync(output);
        var second = await PackageAsync(temp, output: output);

        CollectionAssert.AreEqual(first, await File.ReadAllBytesAsync(output));
        Assert.AreEqual(1, second.EntryCount);
    }

    [TestMethod]
    public async Task Package_WithBothConfigXmls_SaysWhichOneWasLeftOut()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        var inner = temp.WriteFile("www/config.xml", "<widget>inner</widget>");
        var outer = temp.WriteFile("config.xml", "<widget>outer</widget>");
        var progress = new RecordingProgress();

        var result = await PgbPipeline.PackageAsync(
            new PgbPackageRequest { WwwDirectory = temp.Combine("www"), ConfigXml = outer, OutputPath = temp.Combine("app.zip") }, progress);

        Assert.AreEqual(inner, result.ReplacedConfigXml);
        Assert.AreEqual("<widget>outer</widget>", ReadZip(result.ArchivePath)["config.xml"]);
        var message = progress.Messages.Single();
        Assert.Contains(outer, message);
        Assert.Contains(inner, message);
    }

    [TestMethod]
    public async Task Package_WithOnlyOneConfigXml_ReplacesNothing()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "hi");
        var outer = temp.WriteFile("config.xml", "<widget>outer</widget>");

        var result = await PgbPackager.PackageAsync(new PgbPackageRequest { WwwDirectory = temp.Combine("www"), ConfigXml = outer, OutputPath = temp.Combine("app.zip") });

        Assert.IsNull(result.ReplacedConfigXml);
    }

    [TestMethod]
    public async Task Package_WhenCanceledBeforeStarting_ListsNothingAndWritesNothing()
    {
        using var temp = new TempDirectory();
        for (var i = 0; i < 50; i++)
        {
            temp.WriteFile($"www/d{i}/f.txt", "x");
        }

        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => PackageAsync(temp, cancellationToken: cancel.Token));

        Assert.IsEmpty(temp.ListFiles("out"));
    }

    /// <summary>General-purpose flags of each central directory record, by entry name.</summary>
    private static Dictionary<string, int> CentralDirectory(byte[] zip)
    {
        var flags = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + 46 <= zip.Length; i++)
        {
            if (zip[i] != 0x50 || zip[i + 1] != 0x4b || zip[i + 2] != 1 || zip[i + 3] != 2)
            {
                continue;
            }

            var nameLength = BitConverter.ToUInt16(zip, i + 28);
            flags[Encoding.UTF8.GetString(zip, i + 46, nameLength)] = BitConverter.ToUInt16(zip, i + 8);
        }

        return flags;
    }

    private static bool TryMakeFifo(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
