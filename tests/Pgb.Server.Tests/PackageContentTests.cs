using Pgb.Server.Build;
using Pgb.Server.Inspection;

namespace Pgb.Server.Tests;

/// <summary>The simulated packages show what was built: the app's www laid out as in the platform's package (android
/// <c>assets/www/</c>, ios <c>Payload/NAME.app/www/</c>, the others <c>www/</c>), config.xml beside it, <c>.pgbomit</c>
/// folders left out, <c>pgb-build.json</c> kept; the same input always gives the same bytes.</summary>
[TestClass]
public sealed class PackageContentTests
{
    private static readonly byte[] Upload = Zips.Create(
        ("index.html", "<p>hello</p>"u8.ToArray()),
        ("config.xml", Encoding.UTF8.GetBytes(Zips.ConfigXml("Laid Out", "res/icon/icon.png"))),
        ("js/app.js", "start()"u8.ToArray()),
        ("res/.pgbomit", []),
        ("res/icon/icon.png", [1, 2, 3]),
        ("docs/notes/.pgbomit", []),
        ("docs/notes/todo.txt", "todo"u8.ToArray()),
        ("docs/guide.html", "guide"u8.ToArray()));

    [TestMethod]
    [DataRow("android", "assets/www/", "assets/config.xml", "AndroidManifest.xml")]
    [DataRow("ios", "Payload/Laid-Out.app/www/", "Payload/Laid-Out.app/config.xml", "Payload/Laid-Out.app/Info.plist")]
    [DataRow("winphone", "www/", "config.xml", null)]
    [DataRow("blackberry", "www/", "config.xml", null)]
    public async Task Package_LaysOutTheUploadedWww_AsThePlatformsPackage(string platform, string www, string config, string? descriptor)
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync(title: null, zip: Upload))["id"]!;
        await harness.Server.WaitForArtifactAsync(id, platform);

        using var package = new ZipArchive(new MemoryStream(harness.Server.GetArtifact(id, platform)!));
        var names = package.Entries.Select(e => e.FullName).ToList();

        string?[] expected = [
            "pgb-build.json", config, descriptor, www + "docs/guide.html", www + "index.html", www + "js/app.js"];
        CollectionAssert.AreEqual(expected.OfType<string>().Order(StringComparer.Ordinal).ToArray(), names, string.Join(", ", names));
        Assert.AreEqual("<p>hello</p>", Read(package, www + "index.html"));
        StringAssert.Contains(Read(package, config), "<name>Laid Out</name>");
        Assert.AreEqual(platform, (string?)FidelityTests.Manifest(harness.Server.GetArtifact(id, platform)!)["platform"]);
        if (descriptor is not null)
        {
            StringAssert.Contains(Read(package, descriptor), "com.example.laid.out");
        }
    }

    [TestMethod]
    public async Task Package_OfTheSameUpload_IsTheSameBytes_OnAnotherServer()
    {
        byte[] first, second;
        await using (var one = await ServerHarness.StartAsync())
        {
            var id = (int)(await one.CreateFileAppAsync(title: null, zip: Upload))["id"]!;
            await one.Server.WaitForArtifactAsync(id, "android");
            first = one.Server.GetArtifact(id, "android")!;
        }

        await using (var two = await ServerHarness.StartAsync())
        {
            var id = (int)(await two.CreateFileAppAsync(title: null, zip: Upload))["id"]!;
            await two.Server.WaitForArtifactAsync(id, "android");
            second = two.Server.GetArtifact(id, "android")!;
        }

        CollectionAssert.AreEqual(first, second);
    }

    [TestMethod]
    public void Package_OfACordovaProjectZip_TakesItsWwwFolder_AndOfATarGzOrALoneIndexHtml_TheirFiles()
    {
        var cordova = Zips.Create(("config.xml", Encoding.UTF8.GetBytes(Zips.ConfigXml("C"))), ("www/index.html", "c"u8.ToArray()), ("hooks/x.js", "h"u8.ToArray()));
        var folder = Zips.Create(("MyApp/config.xml", Encoding.UTF8.GetBytes(Zips.ConfigXml("F"))), ("MyApp/index.html", "f"u8.ToArray()));
        var tarGz = TarBuilder.TarGz(("./index.html", "t"u8.ToArray()), ("./css/a.css", "a"u8.ToArray()), ("./css/.pgbomit", []));
        var html = "<html>lone</html>"u8.ToArray();

        CollectionAssert.AreEqual(new[] { "config.xml", "pgb-build.json", "www/index.html" }, Names(cordova));
        CollectionAssert.AreEqual(new[] { "config.xml", "pgb-build.json", "www/index.html" }, Names(folder));
        CollectionAssert.AreEqual(new[] { "pgb-build.json", "www/index.html" }, Names(tarGz));
        CollectionAssert.AreEqual(new[] { "pgb-build.json", "www/index.html" }, Names(html));
        using var lone = new ZipArchive(new MemoryStream(ArtifactFactory.Create(Spec("webos"), html, InspectionLimits.Default)));
        Assert.AreEqual("<html>lone</html>", Read(lone, "www/index.html"));
    }

    [TestMethod]
    public void Package_OfASourceOverTheBudget_IsRefusedNamingTheLimit()
    {
        var source = Zips.Create(("index.html", new byte[2 * 1024 * 1024]));

        var e = Assert.ThrowsExactly<BudgetExceededException>(() => ArtifactFactory.Create(Spec("android"), source, InspectionLimits.Default with { MaxInflatedBytes = 1024 * 1024 }));

        Assert.AreEqual("the app's source inflates to more than 1 MiB", e.Message);
    }

    [TestMethod]
    public void Package_WithoutASource_HoldsItsManifest()
    {
        using var package = new ZipArchive(new MemoryStream(ArtifactFactory.Create(Spec("symbian"), null, InspectionLimits.Default)));

        CollectionAssert.AreEqual(new[] { ArtifactFactory.ManifestEntryName }, package.Entries.Select(e => e.FullName).ToArray());
    }

    private static string[] Names(byte[] source)
    {
        using var package = new ZipArchive(new MemoryStream(ArtifactFactory.Create(Spec("webos"), source, InspectionLimits.Default)));
        return [.. package.Entries.Select(e => e.FullName)];
    }

    private static ArtifactSpec Spec(string platform) => new(1, "App", "com.example", "1.0", platform, 1, "sha", null, false, "2.9.0");

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)?.Open() ?? throw new AssertFailedException($"no {name}"), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
