namespace Pgb.Server.Tests;

/// <summary>Downloads and icons as the service handed them out: on another origin (its S3), when the server is given a
/// storage port, and resumable there and on the API's origin alike (ETag, Last-Modified, Range with If-Range).</summary>
[TestClass]
public sealed class StorageOriginTests
{
    [TestMethod]
    public async Task StoragePort_TheRedirectsPointThere_AndEachOriginServesOnlyItsOwnPaths()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.StoragePort = 0);
        var storage = harness.Server.StorageUri!;
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        await harness.Server.WaitForArtifactAsync(id, "android");

        var redirect = await harness.GetAsync($"/api/v1/apps/{id}/android");
        using var http = new HttpClient();
        using var package = await http.GetAsync(redirect.Location);
        using var onApiOrigin = await http.GetAsync(new Uri(harness.Server.BaseUri, redirect.Location!.AbsolutePath));
        using var apiOnStorage = await http.GetAsync(new Uri(storage, "/api/v1/me?auth_token=pgb-dev-token"));
        using var healthOnStorage = await http.GetAsync(new Uri(storage, "/health"));

        Assert.AreNotEqual(harness.Server.BaseUri.Port, storage.Port);
        Assert.AreEqual($"http://127.0.0.1:{storage.Port}/", storage.ToString());
        Assert.AreEqual(storage.Authority, redirect.Location!.Authority);
        Assert.AreEqual(redirect.Location.ToString(), (string?)redirect.Object["location"]);
        Assert.AreEqual(HttpStatusCode.OK, package.StatusCode);
        CollectionAssert.AreEqual(harness.Server.GetArtifact(id, "android"), await package.Content.ReadAsByteArrayAsync());
        Assert.AreEqual(HttpStatusCode.NotFound, onApiOrigin.StatusCode, "packages are on the storage origin only");
        Assert.AreEqual(HttpStatusCode.NotFound, apiOnStorage.StatusCode, "the storage answers nothing of the API");
        Assert.AreEqual(HttpStatusCode.NotFound, healthOnStorage.StatusCode);
        var storageGet = harness.Server.Requests.Single(r => r.Path == redirect.Location.AbsolutePath && r.Status == 200);
        Assert.AreEqual(storage.Port, storageGet.Port);
        Assert.IsFalse(storageGet.CarriedCredentials);
    }

    [TestMethod]
    public async Task StoragePort_ServesIcons_AndV1IconRedirects_ThereToo()
    {
        await using var harness = await ServerHarness.StartAsync(o => o.StoragePort = 0);
        var id = (int)(await harness.CreateFileAppAsync(title: null, zip: Zips.App("Iconic", icon: "icon.png")))["id"]!;

        var redirect = await harness.GetAsync($"/api/v1/apps/{id}/icon");
        using var http = new HttpClient();

        Assert.AreEqual(harness.Server.StorageUri!.Authority, redirect.Location!.Authority);
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3 }, await http.GetByteArrayAsync(redirect.Location));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task Storage_OffersValidators_AndAnswersARangeOnlyForTheSamePackage(bool storagePort)
    {
        await using var harness = await ServerHarness.StartAsync(o => o.StoragePort = storagePort ? 0 : null);
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        await harness.Server.WaitForArtifactAsync(id, "android");
        var location = (await harness.GetAsync($"/api/v1/apps/{id}/android")).Location!;
        var bytes = harness.Server.GetArtifact(id, "android")!;
        using var http = new HttpClient();

        using var whole = await http.GetAsync(location);
        var etag = whole.Headers.ETag!;
        using var rest = await http.SendAsync(Ranged(location, 100, new RangeConditionHeaderValue(etag)));
        using var stale = await http.SendAsync(Ranged(location, 100, new RangeConditionHeaderValue(new EntityTagHeaderValue("\"other\""))));
        using var byDate = await http.SendAsync(Ranged(location, 100, new RangeConditionHeaderValue(whole.Content.Headers.LastModified!.Value)));
        var unchanged = new HttpRequestMessage(HttpMethod.Get, location);
        unchanged.Headers.IfNoneMatch.Add(etag);
        using var notModified = await http.SendAsync(unchanged);

        Assert.IsFalse(etag.IsWeak, "a strong ETag, which If-Range needs");
        Assert.IsNotNull(whole.Content.Headers.LastModified);
        Assert.AreEqual("bytes", whole.Headers.AcceptRanges.Single());
        Assert.AreEqual(HttpStatusCode.PartialContent, rest.StatusCode);
        Assert.AreEqual(100, rest.Content.Headers.ContentRange!.From);
        Assert.AreEqual(bytes.Length, rest.Content.Headers.ContentRange.Length);
        CollectionAssert.AreEqual(bytes[100..], await rest.Content.ReadAsByteArrayAsync());
        Assert.AreEqual(HttpStatusCode.OK, stale.StatusCode, "another package: all of it, from the start");
        CollectionAssert.AreEqual(bytes, await stale.Content.ReadAsByteArrayAsync());
        Assert.AreEqual(HttpStatusCode.PartialContent, byDate.StatusCode);
        Assert.AreEqual(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.AreEqual("attachment; filename=\"Test-App-android.apk\"", whole.Content.Headers.ContentDisposition!.ToString());
    }

    [TestMethod]
    public async Task Storage_AnswersHeadWithTheLengthAndNoBody()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        await harness.Server.WaitForArtifactAsync(id, "android");
        var location = (await harness.GetAsync($"/api/v1/apps/{id}/android")).Location!;

        using var head = await harness.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, location));

        Assert.AreEqual(HttpStatusCode.OK, head.StatusCode);
        Assert.AreEqual(harness.Server.GetArtifact(id, "android")!.Length, head.Content.Headers.ContentLength);
        Assert.IsEmpty(await head.Content.ReadAsByteArrayAsync());
    }

    [TestMethod]
    public async Task StoragePort_SameAsThePort_IsRefused()
    {
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => ServerHarness.StartAsync(o =>
        {
            o.Port = 45678;
            o.StoragePort = 45678;
        }));
        await Assert.ThrowsExactlyAsync<ArgumentOutOfRangeException>(() => ServerHarness.StartAsync(o => o.StoragePort = 70000));
    }

    private static HttpRequestMessage Ranged(Uri location, long from, RangeConditionHeaderValue condition)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, location);
        request.Headers.Range = new RangeHeaderValue(from, null);
        request.Headers.IfRange = condition;
        return request;
    }
}
