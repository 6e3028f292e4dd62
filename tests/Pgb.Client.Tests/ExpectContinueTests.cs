namespace Pgb.Client.Tests;

/// <summary>Which uploads wait for the server's go-ahead (<c>Expect: 100-continue</c>) before sending their body.</summary>
[TestClass]
public sealed class ExpectContinueTests
{
    [TestMethod]
    [DataRow(1024, false, DisplayName = "a small archive goes with the headers")]
    [DataRow(3 * 1024 * 1024, true, DisplayName = "a large archive waits for 100 Continue")]
    public async Task UploadArchive_AsksForTheGoAheadOnlyWhenLarge(int length, bool expectContinue)
    {
        using var temp = new TempDirectory();
        var archive = temp.Combine("app.zip");
        File.WriteAllBytes(archive, new byte[length]);
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":7}"""));
        using var client = TestClients.Create(handler);

        await client.UpdateAppFileAsync(7, archive);

        Assert.AreEqual(expectContinue ? "100-continue" : null, handler.Requests[0].Header("Expect"));
    }

    [TestMethod]
    public async Task MetadataUpdate_NeverWaitsForTheGoAhead()
    {
        var handler = new FakeHandler().Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"id":7}"""));
        using var client = TestClients.Create(handler);

        await client.UpdateAppAsync(7, new Models.PgbAppUpdateOptions { Title = "New title" });

        Assert.IsNull(handler.Requests[0].Header("Expect"));
    }
}
