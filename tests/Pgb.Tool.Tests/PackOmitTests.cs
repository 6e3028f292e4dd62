using System.IO.Compression;

namespace Pgb.Tool.Tests;

/// <summary><c>pgb pack</c> makes the archive <c>pgb build</c> uploads: folders holding a <c>.pgbomit</c> file are not in it.</summary>
[TestClass]
public sealed class PackOmitTests
{
    [TestMethod]
    public async Task Pack_LeavesOutEveryFolderHoldingAPgbomitFile_AndTheMarkers()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("www/index.html", "<html>app</html>");
        temp.WriteFile("www/js/app.js", "go()");
        temp.WriteFile("www/res/.pgbomit", string.Empty);
        temp.WriteFile("www/res/icon/android/icon.png", "png");
        temp.WriteFile("www/res/screen/ios/Default.png", "png");
        var archive = temp.Combine("out", "app.zip");

        var run = await ToolRun.RunAsync("pack", "--www", temp.Combine("www"), "--out", archive);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        using var zip = ZipFile.OpenRead(archive);
        CollectionAssert.AreEqual(new[] { "index.html", "js/app.js" }, zip.Entries.Select(e => e.FullName).ToArray());
    }
}
