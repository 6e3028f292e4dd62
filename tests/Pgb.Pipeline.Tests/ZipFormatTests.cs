using System.Diagnostics;
using System.IO.Compression;

namespace Pgb.Pipeline.Tests;

/// <summary>The archive the packager writes by hand must be a zip every reader agrees on.</summary>
[TestClass]
public sealed class ZipFormatTests
{
    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] TextBytes(int length) =>
        System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, (length / 20) + 1).Select(i => $"line {i:D6} of text\n")))[..length];

    [TestMethod]
    public async Task Package_MixOfEmptyTextBinaryAndLargeFiles_ReadsBackByteForByteWithValidCrcs()
    {
        using var temp = new TempDirectory();
        var files = new Dictionary<string, byte[]>
        {
            ["index.html"] = TextBytes(5_000),
            ["empty.txt"] = [],
            ["img/noise.png"] = RandomBytes(300_000, 1),
            ["js/app.js"] = TextBytes(200_000),
            // Above the in-memory limit: deflated straight into the archive, header patched afterwards.
            ["media/big.bin"] = RandomBytes(DeterministicZipWriter.InMemoryLimit + 123_457, 2),
            ["media/big.txt"] = TextBytes(DeterministicZipWriter.InMemoryLimit * 2),
        };
        foreach (var (name, bytes) in files)
        {
            var path = temp.Combine("www", name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes);
        }

        var result = await temp.PackageWwwAsync();

        // ZipArchive checks each entry's CRC-32 and length as it reads to the end.
        using var zip = ZipFile.OpenRead(result.ArchivePath);
        CollectionAssert.AreEqual(files.Keys.Order(StringComparer.Ordinal).ToArray(), zip.Entries.Select(e => e.FullName).ToArray());
        foreach (var entry in zip.Entries)
        {
            using var content = new MemoryStream();
            await using (var stream = entry.Open())
            {
                await stream.CopyToAsync(content);
            }

            CollectionAssert.AreEqual(files[entry.FullName], content.ToArray(), entry.FullName);
            Assert.AreEqual(Crc32Of(files[entry.FullName]), entry.Crc32, entry.FullName);
        }

        Assert.IsLessThan(files["js/app.js"].Length / 4, zip.GetEntry("js/app.js")!.CompressedLength, "text is deflated");
        Assert.AreEqual(files["img/noise.png"].Length, zip.GetEntry("img/noise.png")!.CompressedLength, "incompressible data is stored, not grown");
        Assert.AreEqual(result.Length, new FileInfo(result.ArchivePath).Length);
    }

    [TestMethod]
    public async Task Package_IsAcceptedByInfoZipsIntegrityTest()
    {
        if (!File.Exists("/usr/bin/unzip"))
        {
            Assert.Inconclusive("unzip is not installed");
        }

        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "<html/>");
        temp.WriteFile("www/js/app.js", new string('x', 100_000));
        temp.WriteFile("www/ünïcode/ファイル.txt", "utf-8 name");

        var result = await temp.PackageWwwAsync();

        using var unzip = Process.Start(new ProcessStartInfo("/usr/bin/unzip", ["-t", result.ArchivePath]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await unzip.StandardOutput.ReadToEndAsync() + await unzip.StandardError.ReadToEndAsync();
        Assert.IsTrue(unzip.WaitForExit(60_000), "unzip -t did not finish");
        Assert.AreEqual(0, unzip.ExitCode, output);
        StringAssert.Contains(output, "No errors detected");
    }

    [TestMethod]
    public async Task Package_RecordsMsDosAsTheHostAndTheEpochAsTheTime_SoEveryOsWritesTheSameBytes()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "<html/>");

        var result = await temp.PackageWwwAsync();

        var bytes = await File.ReadAllBytesAsync(result.ArchivePath);
        var central = IndexOf(bytes, [0x50, 0x4b, 0x01, 0x02]);
        Assert.IsGreaterThan(0, central, "no central directory");
        Assert.AreEqual(0, bytes[central + 5], "version made by: host 0 (MS-DOS), not the running OS");
        Assert.AreEqual(0, BitConverter.ToUInt16(bytes, central + 12), "DOS time 00:00:00");
        Assert.AreEqual(0x21, BitConverter.ToUInt16(bytes, central + 14), "DOS date 1980-01-01");
    }

    [TestMethod]
    public void EnsureFits_WithMoreEntriesThanAClassicZipHolds_FailsWithPGB1014BeforeReadingAnything()
    {
        var entries = Enumerable.Range(0, DeterministicZipWriter.MaxEntries + 1).Select(i => new WwwFile($"f{i}", "/nonexistent/" + i, 1)).ToList();

        var ex = Assert.ThrowsExactly<PgbPipelineException>(() => DeterministicZipWriter.EnsureFits(entries));

        Assert.AreEqual(PgbErrorCodes.WwwTooLarge, ex.Code);
        StringAssert.Contains(ex.Message, "65,536 files");
    }

    [TestMethod]
    public void EnsureFits_WithFourGigabytes_FailsWithPGB1014()
    {
        var entries = new List<WwwFile> { new("a.bin", "/nonexistent/a", 2L * 1024 * 1024 * 1024), new("b.bin", "/nonexistent/b", 2L * 1024 * 1024 * 1024) };

        var ex = Assert.ThrowsExactly<PgbPipelineException>(() => DeterministicZipWriter.EnsureFits(entries));

        Assert.AreEqual(PgbErrorCodes.WwwTooLarge, ex.Code);
    }

    [TestMethod]
    public async Task Package_OfStoredEntries_GivesTheseExactBytes()
    {
        // Incompressible and empty files are stored, so every byte here is the writer's own (headers, CRC-32s, names,
        // the central directory), none the runtime's deflate: a change of CRC-32 implementation or of field order shows.
        using var temp = new TempDirectory();
        var files = new Dictionary<string, byte[]>
        {
            ["index.html"] = RandomBytes(1_000, 3),
            ["empty.txt"] = [],
            ["img/caf\u00e9.png"] = RandomBytes(70_000, 4),
        };
        foreach (var (name, bytes) in files)
        {
            var path = temp.Combine("www", name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes);
        }

        var result = await temp.PackageWwwAsync();

        Assert.AreEqual("e383aabfc2e389bdf62b1e83aa9c8bab7a9210e1c8ee88d15ea2fce2e7fe01db", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(result.ArchivePath))));
    }

    [TestMethod]
    public void Crc32_OfTheStandardCheckString_Is0xCBF43926()
    {
        // The zip CRC-32 (IEEE, reflected), appended in pieces as the large-entry path does.
        var crc = new System.IO.Hashing.Crc32();
        var check = "123456789"u8.ToArray();
        crc.Append(check.AsSpan(0, 4));
        crc.Append(check.AsSpan(4, 5));

        Assert.AreEqual(0xCBF43926u, crc.GetCurrentHashAsUInt32());
    }

    private static uint Crc32Of(byte[] bytes) => System.IO.Hashing.Crc32.HashToUInt32(bytes);

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
