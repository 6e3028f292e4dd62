using Pgb.Server.Stores;

namespace Pgb.Server.Tests;

/// <summary>Blob keys reach the file store from URLs: none may read or write outside DIR/blobs.</summary>
[TestClass]
public sealed class BlobKeyTests
{
    public static IEnumerable<object[]> EscapingKeys =>
    [
        ["../outside"],
        ["public/../../outside"],
        ["public/guid/../../../outside"],
        [".."],
        ["public/.."],
        ["/tmp/outside"],
        ["public//outside"],
        ["public\\..\\..\\outside"],
        ["C:/outside"],
        ["public/guid/.hidden"],
        ["public/guid/file."],
        [""],
    ];

    [TestMethod]
    [DynamicData(nameof(EscapingKeys))]
    public void Put_WithAKeyThatCouldEscape_IsRefusedAndWritesNothing(string key)
    {
        using var dir = new TempDirectory();
        using var directory = DataDirectory.Open(dir.Combine("data"));
        var store = new FileBlobStore(directory);

        Assert.ThrowsExactly<ArgumentException>(() => store.Put(key, [1, 2, 3]));
        Assert.IsNull(store.Get(key));
        store.Remove(key);

        Assert.IsEmpty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(DataDirectory.LockFileName, StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow("public/0123456789abcdef0123456789abcdef/My-App-android.apk")]
    [DataRow("source/12")]
    [DataRow("public/0123456789abcdef0123456789abcdef/CON.png")]
    [DataRow("public/0123456789abcdef0123456789abcdef/nul")]
    public void Put_WithAKeyTheServerMakes_RoundTripsInsideTheBlobFolder(string key)
    {
        using var dir = new TempDirectory();
        using var directory = DataDirectory.Open(dir.Combine("data"));
        var store = new FileBlobStore(directory);

        store.Put(key, [1, 2, 3]);

        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, store.Get(key));
        var file = Directory.GetFiles(dir.Combine("data", "blobs"), "*", SearchOption.AllDirectories).Single();
        Assert.StartsWith(Path.GetFullPath(dir.Combine("data", "blobs")) + Path.DirectorySeparatorChar, file);
        store.Remove(key);
        Assert.IsNull(store.Get(key));
        Assert.IsEmpty(Directory.GetFileSystemEntries(dir.Combine("data", "blobs")));
    }

    [TestMethod]
    public void Put_WithAVeryLongName_StaysWithinFileNameLimits()
    {
        using var dir = new TempDirectory();
        using var directory = DataDirectory.Open(dir.Combine("data"));
        var store = new FileBlobStore(directory);
        var key = "public/0123456789abcdef0123456789abcdef/" + new string('a', 400) + "-android.apk";

        store.Put(key, [7]);

        CollectionAssert.AreEqual(new byte[] { 7 }, store.Get(key));
    }

    [TestMethod]
    [DataRow("/storage/..%2F..%2Fstate.json/x")]
    [DataRow("/storage/%2E%2E/state.json")]
    [DataRow("/storage/..%5C..%5Capps/1.json")]
    [DataRow("/storage/x/..%2F..%2F..%2Fstate.json")]
    public async Task Storage_WithATraversingPath_Answers404(string path)
    {
        using var dir = new TempDirectory();
        await using var harness = await PersistenceTests.StartAsync(dir);
        await harness.CreateFileAppAsync();

        using var answer = await harness.Http.GetAsync(path);

        Assert.AreEqual(HttpStatusCode.NotFound, answer.StatusCode);
    }
}
