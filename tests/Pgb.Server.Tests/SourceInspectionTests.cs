using Pgb.Server.Build;
using Pgb.Server.Errors;
using Pgb.Server.Inspection;

namespace Pgb.Server.Tests;

/// <summary>SourceArchive and ConfigXml read uploads within InspectionLimits: nothing is inflated or parsed past a cap,
/// and what fits is read as before.</summary>
[TestClass]
public sealed class SourceInspectionTests
{
    private static readonly InspectionLimits Small = new()
    {
        MaxConfigXmlBytes = 4096,
        MaxXmlDepth = 8,
        MaxIconBytes = 1024,
        MaxEntries = 50,
        MaxInflatedBytes = 1024 * 1024,
        MaxTarHeaderBytes = 1024,
        MaxZipDirectoryBytes = 4096,
    };

    [TestMethod]
    public void ConfigXml_NestedExactlyToTheLimit_IsRead()
    {
        var info = SourceArchive.Inspect(Zips.Create(("config.xml", Nested(levels: Small.MaxXmlDepth))), Small);

        Assert.AreEqual("Deep", info.Config?.Name);
    }

    [TestMethod]
    [DataRow(9)]
    [DataRow(100_000)]
    public void ConfigXml_NestedDeeperThanTheLimit_IsOverBudget(int levels)
    {
        var limits = Small with { MaxConfigXmlBytes = 2 * 1024 * 1024 };

        var e = Assert.ThrowsExactly<BudgetExceededException>(() => SourceArchive.Inspect(Zips.Create(("config.xml", Nested(levels))), limits));

        Assert.AreEqual("config.xml nests elements more than 8 levels deep", e.Message);
    }

    [TestMethod]
    public void ConfigXml_LargerThanTheLimit_IsOverBudgetWithoutBeingInflatedWhole()
    {
        var zip = Zips.Create(("www/config.xml", Encoding.UTF8.GetBytes("<widget>" + new string(' ', 10 * 1024 * 1024) + "</widget>")));

        var e = Assert.ThrowsExactly<BudgetExceededException>(() => SourceArchive.Inspect(zip, Small));

        Assert.AreEqual("www/config.xml is larger than 4 KiB", e.Message);
    }

    [TestMethod]
    public void Zip_WithManyConfigXmlBombs_ReadsOnlyTheOneThatCounts_AndStreamsTheOthers()
    {
        // Every candidate but the one at the root is a bomb; today's rule picks the root one, and only it is read whole.
        // The others are inflated once, to check them, as a stream: never held, and counted against the budget.
        var bomb = Encoding.UTF8.GetBytes("<widget>" + new string(' ', 10 * 1024 * 1024) + "</widget>");
        var zip = Zips.Create(("a/config.xml", bomb), ("b/config.xml", bomb), ("config.xml", Encoding.UTF8.GetBytes(Zips.ConfigXml("Root"))), ("www/config.xml", bomb));
        var before = GC.GetAllocatedBytesForCurrentThread();

        var info = SourceArchive.Inspect(zip, Small with { MaxInflatedBytes = 64 * 1024 * 1024 });

        Assert.AreEqual("Root", info.Config?.Name);
        Assert.IsLessThan(8 * 1024 * 1024, GC.GetAllocatedBytesForCurrentThread() - before, "30 MiB inflated, none of it kept");
    }

    [TestMethod]
    public void Zip_ThatInflatesPastTheBudget_IsOverBudget()
    {
        var bomb = Encoding.UTF8.GetBytes(new string(' ', 2 * 1024 * 1024));
        var zip = Zips.Create(("config.xml", Encoding.UTF8.GetBytes(Zips.ConfigXml("Root"))), ("bomb.js", bomb));

        var e = Assert.ThrowsExactly<BudgetExceededException>(() => SourceArchive.Inspect(zip, Small));

        Assert.AreEqual("the upload inflates to more than 1 MiB", e.Message);
    }

    [TestMethod]
    public void Zip_WithMoreEntriesThanTheLimit_IsOverBudget()
    {
        var entries = Enumerable.Range(0, 51).Select(i => ($"f{i}.js", Array.Empty<byte>())).ToArray();

        var e = Assert.ThrowsExactly<BudgetExceededException>(() => SourceArchive.Inspect(Zips.Create(entries), Small));

        Assert.AreEqual("the upload holds more than 50 entries", e.Message);
    }

    [TestMethod]
    public void Zip_WhoseIndexIsLargerThanTheLimit_IsOverBudget()
    {
        var entries = Enumerable.Range(0, 10).Select(i => ($"{new string('n', 1000)}{i}.js", Array.Empty<byte>())).ToArray();

        var e = Assert.ThrowsExactly<BudgetExceededException>(() => SourceArchive.Inspect(Zips.Create(entries), Small));

        Assert.AreEqual("the upload's index of entries is larger than 4 KiB", e.Message);
    }

    [TestMethod]
    public void Zip_WhoseEndRecordUnderstatesItsEntries_IsStillCountedByItsDirectory()
    {
        var zip = Zips.Create([.. Enumerable.Range(0, 60).Select(i => ($"f{i}.js", Array.Empty<byte>()))]);
        var end = zip.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        BitConverter.TryWriteBytes(zip.AsSpan(end + 8, 2), (ushort)1);
        BitConverter.TryWriteBytes(zip.AsSpan(end + 10, 2), (ushort)1);

        Assert.ThrowsExactly<BudgetExceededException>(() => SourceArchive.Inspect(zip, Small));
    }

    [TestMethod]
    public void Zip_IconLargerThanTheLimit_IsOverBudget()
    {
        var zip = Zips.Create(("config.xml", Encoding.UTF8.GetBytes(Zips.ConfigXml("Iconic", "res/icon.png"))), ("res/icon.png", new byte[2048]));

        var e = Assert.ThrowsExactly<BudgetExceededException>(() => SourceArchive.Inspect(zip, Small));

        Assert.AreEqual("the icon res/icon.png is larger than 1 KiB", e.Message);
    }

    [TestMethod]
    public void TarGz_ReadsConfigXmlAndIcon_PreferringTheRoot()
    {
        var tarGz = TarBuilder.TarGz(
            ("./res/icon.png", [1, 2, 3]),
            ("other/config.xml", Encoding.UTF8.GetBytes(Zips.ConfigXml("Other"))),
            ("./config.xml", Encoding.UTF8.GetBytes(Zips.ConfigXml("Root", "res/icon.png"))),
            ("www/config.xml", Encoding.UTF8.GetBytes(Zips.ConfigXml("Www"))));

        var info = SourceArchive.Inspect(tarGz, Small);

        Assert.AreEqual(SourceArchive.TarGz, info.Kind);
        Assert.AreEqual("Root", info.Config?.Name);
        Assert.AreEqual("icon.png", info.IconFileName);
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, info.Icon);
    }

    [TestMethod]
    public void TarGz_WithLongNames_ReadsThem()
    {
        var folder = new string('d', 150);
        var tarGz = TarBuilder.TarGz(("config.xml", Encoding.UTF8.GetBytes(Zips.ConfigXml("Long", $"{folder}/icon.png"))), ($"{folder}/icon.png", [7]));

        var info = SourceArchive.Inspect(tarGz, Small);

        CollectionAssert.AreEqual(new byte[] { 7 }, info.Icon);
    }

    [TestMethod]
    public void TarGz_OverlargeCandidateBeatenByABetterOne_IsNotAnError()
    {
        var bomb = Encoding.UTF8.GetBytes("<widget>" + new string(' ', 8192) + "</widget>");
        var tarGz = TarBuilder.TarGz(("a/config.xml", bomb), ("config.xml", Encoding.UTF8.GetBytes(Zips.ConfigXml("Root"))));

        Assert.AreEqual("Root", SourceArchive.Inspect(tarGz, Small).Config?.Name);
    }

    [TestMethod]
    public void TarGz_ThatInflatesPastTheBudget_IsOverBudget()
    {
        var tarGz = TarBuilder.TarGz(("big.bin", new byte[2 * 1024 * 1024]), ("config.xml", Encoding.UTF8.GetBytes(Zips.ConfigXml("Late"))));

        var e = Assert.ThrowsExactly<BudgetExceededException>(() => SourceArchive.Inspect(tarGz, Small));

        StringAssert.StartsWith(e.Message, "the upload inflates to more than 1 MiB");
    }

    [TestMethod]
    [DataRow('L')]
    [DataRow('x')]
    public void TarGz_HeaderClaimingAHugeSize_IsOverBudgetWithoutAllocatingIt(char type)
    {
        var tarGz = TarBuilder.HostileHeader(type, size: 1_500_000_000);
        var before = GC.GetAllocatedBytesForCurrentThread();

        Assert.ThrowsExactly<BudgetExceededException>(() => SourceArchive.Inspect(tarGz, InspectionLimits.Default));

        Assert.IsLessThan(16 * 1024 * 1024, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [TestMethod]
    public void TarGz_Truncated_IsAnInvalidWidgetArchive()
    {
        var tarGz = TarBuilder.TarGz(("config.xml", Encoding.UTF8.GetBytes(Zips.ConfigXml("Cut"))));
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(TarBuilder.Header("config.xml", '0', 100_000));
        }

        var e = Assert.ThrowsExactly<ApiException>(() => SourceArchive.Inspect(output.ToArray(), Small));

        Assert.AreEqual(400, e.Status);
        StringAssert.StartsWith(e.Message, "invalid widget archive: the tar.gz cannot be read: ");
        Assert.AreEqual("Cut", SourceArchive.Inspect(tarGz, Small).Config?.Name);
    }

    [TestMethod]
    public void Zip_WithADamagedEntry_IsAnInvalidWidgetArchive_NamingTheEntry()
    {
        // Stored, not deflated: the flipped byte leaves a readable entry whose bytes no longer match its CRC-32.
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("index.html", CompressionLevel.NoCompression).Open();
            entry.Write(Encoding.UTF8.GetBytes(new string('x', 200)));
        }

        var zip = output.ToArray();
        zip[30 + "index.html".Length + 5] ^= 0xFF;

        var e = Assert.ThrowsExactly<ApiException>(() => SourceArchive.Inspect(zip, Small));

        Assert.Contains("index.html", e.Message);
        StringAssert.StartsWith(e.Message, "invalid widget archive: the zip cannot be read: ");
    }

    [TestMethod]
    [DataRow(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x25, 0xe2, 0xe3, 0xcf, 0xd3 }, "unsupported upload: send a zip, a tar.gz or an index.html (this file starts with 0x255044462d312e34)")]
    [DataRow(new byte[] { (byte)'<', (byte)'h', 0, 1 }, "unsupported upload: send a zip, a tar.gz or an index.html (this file starts with 0x3c680001)")]
    [DataRow(new byte[] { 0xff, 0xfe, 0xfd }, "unsupported upload: send a zip, a tar.gz or an index.html (this file starts with 0xfffefd)")]
    [DataRow(new byte[0], "the uploaded file is empty: send a zip, a tar.gz or an index.html")]
    [DataRow(new byte[] { (byte)'P', (byte)'K', 3, 4, 9, 9 }, null)]
    public void Upload_ThatIsNoZipTarGzOrText_IsRefusedWithWhatItIs(byte[] content, string? message)
    {
        var e = Assert.ThrowsExactly<ApiException>(() => SourceArchive.Inspect(content, Small));

        Assert.AreEqual(400, e.Status);
        Assert.AreEqual(message ?? e.Message, e.Message);
        StringAssert.Contains(e.Message, message is null ? "invalid widget archive: the zip cannot be read" : "send a zip");
    }

    [TestMethod]
    public void Upload_OfText_IsALoneIndexHtml()
    {
        Assert.AreEqual(SourceArchive.Html, SourceArchive.Inspect("<html><body>é</body></html>"u8.ToArray(), Small).Kind);
    }

    [TestMethod]
    public void ConfigXml_TextOfNameAndDescription_IsAllTheTextInside()
    {
        var xml = """
            <widget xmlns="http://www.w3.org/ns/widgets" id=" com.example.x " version="2.0">
              <name>My <b>Big</b> &amp; <![CDATA[App]]>&#33;</name>
              <name>Ignored</name>
              <description/>
              <icon src="a.png" width="32"/><icon src="b.png" width="64"/><icon src=" "/>
            </widget>
            """;

        var config = ConfigXml.TryParse(Encoding.UTF8.GetBytes(xml), Small)!;

        Assert.AreEqual("My Big & App!", config.Name);
        Assert.AreEqual("com.example.x", config.Id);
        Assert.AreEqual("2.0", config.Version);
        Assert.IsNull(config.Description);
        Assert.AreEqual("b.png", config.MainIcon?.Src);
        Assert.HasCount(2, config.Icons);
    }

    [TestMethod]
    [DataRow("<notwidget/>")]
    [DataRow("<widget><name>unclosed</widget>")]
    [DataRow("<!DOCTYPE widget [<!ENTITY a \"x\">]><widget><name>&a;</name></widget>")]
    public void ConfigXml_NotAReadableWidget_IsNull(string xml)
    {
        Assert.IsNull(ConfigXml.TryParse(Encoding.UTF8.GetBytes(xml), Small));
    }

    private static byte[] Nested(int levels)
    {
        var builder = new StringBuilder("<widget><name>Deep</name>");
        for (var i = 1; i < levels; i++)
        {
            builder.Append("<a>");
        }

        for (var i = 1; i < levels; i++)
        {
            builder.Append("</a>");
        }

        return Encoding.UTF8.GetBytes(builder.Append("</widget>").ToString());
    }
}
