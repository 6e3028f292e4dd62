namespace Pgb.Server.Tests;

/// <summary>A data directory the server cannot use stops StartAsync with a PgbDataDirectoryException naming the file;
/// no server is left half-started, and the directory is not left locked.</summary>
[TestClass]
public sealed class DataDirectoryFailureTests
{
    [TestMethod]
    [DataRow("cut short", PgbDataDirectoryProblem.Corrupt, null, DisplayName = "Start_WithACorruptAppFile_FailsNamingIt")]
    [DataRow("field renamed", PgbDataDirectoryProblem.Corrupt, null, DisplayName = "Start_WithAnAppFileMissingAField_FailsNamingIt")]
    [DataRow("storage key leaving the directory", PgbDataDirectoryProblem.Corrupt, null, DisplayName = "Start_WithAStorageKeyLeavingTheDirectory_FailsNamingTheFile")]
    [DataRow("newer format", PgbDataDirectoryProblem.NewerFormat, "newer", DisplayName = "Start_WithAFileOfANewerFormat_FailsSayingSo")]
    public async Task Start_WithADamagedAppFile_FailsNamingIt(string damage, PgbDataDirectoryProblem problem, string? mentioned)
    {
        using var dir = new TempDirectory();
        await CreateOneAppAsync(dir);
        var file = dir.Combine("apps", "1.json");
        File.WriteAllText(file, Damage(damage, File.ReadAllText(file)));

        var e = await DataDirectoryAssert.StartFailsAsync(() => PersistenceTests.StartAsync(dir), problem, file);

        Assert.Contains(Path.GetFullPath(file), e.Message);
        if (mentioned is not null)
        {
            Assert.Contains(mentioned, e.Message);
        }
    }

    /// <summary>An app file as a disk error, a hand edit or a newer server would leave it.</summary>
    private static string Damage(string how, string text)
    {
        switch (how)
        {
            case "cut short":
                return "{\"format\":1,\"id\":1,";
            case "field renamed":
                return text.Replace("\"title\":", "\"titel\":", StringComparison.Ordinal);
            case "storage key leaving the directory":
                var at = text.IndexOf("\"storageKey\": \"public/", StringComparison.Ordinal) + "\"storageKey\": \"".Length;
                return text[..at] + "public/../../x/" + text[text.IndexOf('"', at)..];
            case "newer format":
                return "{\"format\":4,\"everything\":\"different\"}";
            default:
                throw new ArgumentOutOfRangeException(nameof(how), how, null);
        }
    }

    [TestMethod]
    public async Task Start_WithACorruptStateFile_FailsNamingIt()
    {
        using var dir = new TempDirectory();
        await CreateOneAppAsync(dir);
        File.WriteAllText(dir.Combine("state.json"), "not json");

        await DataDirectoryAssert.StartFailsAsync(() => PersistenceTests.StartAsync(dir), PgbDataDirectoryProblem.Corrupt, dir.Combine("state.json"));
    }

    [TestMethod]
    [DataRow("not json", PgbDataDirectoryProblem.Corrupt)]
    [DataRow("{\"format\":2,\"accounts\":[{\"id\":1,\"email\":\"a@x\",\"userName\":\"a\",\"createdAt\":\"2020-01-01T00:00:00Z\"},{\"id\":1,\"email\":\"b@x\",\"userName\":\"b\",\"createdAt\":\"2020-01-01T00:00:00Z\"}]}", PgbDataDirectoryProblem.Corrupt)]
    [DataRow("{\"format\":2,\"accounts\":[{\"id\":1,\"email\":\"a@x\",\"userName\":\"a\",\"createdAt\":\"2020-01-01T00:00:00Z\"},{\"id\":2,\"email\":\"A@X\",\"userName\":\"b\",\"createdAt\":\"2020-01-01T00:00:00Z\"}]}", PgbDataDirectoryProblem.Corrupt)]
    [DataRow("{\"format\":4,\"people\":[]}", PgbDataDirectoryProblem.NewerFormat)]
    public async Task Start_WithADamagedAccountsFile_FailsNamingIt(string content, PgbDataDirectoryProblem problem)
    {
        using var dir = new TempDirectory();
        await CreateOneAppAsync(dir);
        File.WriteAllText(dir.Combine("accounts.json"), content);

        await DataDirectoryAssert.StartFailsAsync(() => PersistenceTests.StartAsync(dir), problem, dir.Combine("accounts.json"));
    }

    [TestMethod]
    public async Task Start_AfterAFailedStart_IsNotLockedOut()
    {
        using var dir = new TempDirectory();
        await CreateOneAppAsync(dir);
        File.WriteAllText(dir.Combine("apps", "1.json"), "[]");
        await Assert.ThrowsExactlyAsync<PgbDataDirectoryException>(() => PersistenceTests.StartAsync(dir));
        File.Delete(dir.Combine("apps", "1.json"));

        await using var harness = await PersistenceTests.StartAsync(dir);

        Assert.AreEqual(2, (int?)(await harness.CreateFileAppAsync())["id"], "ids are never reused, even of an app whose file was removed");
    }

    [TestMethod]
    public async Task Start_OfASecondServerOnTheSameDirectory_FailsWhileTheFirstRuns()
    {
        using var dir = new TempDirectory();
        await using var first = await PersistenceTests.StartAsync(dir);

        var e = await Assert.ThrowsExactlyAsync<PgbDataDirectoryException>(() => PersistenceTests.StartAsync(dir));
        var stillServing = await first.GetAsync("/api/v1/apps");

        Assert.AreEqual(PgbDataDirectoryProblem.Locked, e.Problem);
        Assert.Contains(Path.GetFullPath(dir.Path), e.Message);
        Assert.AreEqual(HttpStatusCode.OK, stillServing.Status);

        await first.Server.StopAsync();
        await using var second = await PersistenceTests.StartAsync(dir);
        Assert.AreEqual(HttpStatusCode.OK, (await second.GetAsync("/api/v1/apps")).Status);
    }

    [TestMethod]
    public async Task Start_WhenThePortIsTaken_ReleasesTheDirectory()
    {
        using var dir = new TempDirectory();
        await using var blocker = await ServerHarness.StartAsync();

        await Assert.ThrowsAsync<IOException>(() => PersistenceTests.StartAsync(dir, o => o.Port = blocker.Server.BaseUri.Port));
        await using var harness = await PersistenceTests.StartAsync(dir);

        Assert.AreEqual(HttpStatusCode.OK, (await harness.GetAsync("/api/v1/apps")).Status);
    }

    [TestMethod]
    public async Task Start_WithADataDirectoryThatIsAFile_FailsAsInaccessible()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("not-a-directory");
        File.WriteAllText(file, "x");

        await DataDirectoryAssert.StartFailsAsync(() => ServerHarness.StartAsync(o => o.DataDirectory = file), PgbDataDirectoryProblem.Inaccessible, file);
    }

    [TestMethod]
    public async Task Start_WithAnEmptyDataDirectory_IsAnArgumentError() =>
        await Assert.ThrowsAsync<ArgumentException>(() => ServerHarness.StartAsync(o => o.DataDirectory = " "));

    private static async Task CreateOneAppAsync(TempDirectory dir)
    {
        await using var harness = await PersistenceTests.StartAsync(dir);
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        await harness.WaitForBuildAsync(id, "android");
    }
}
