namespace Pgb.Server.Tests;

/// <summary>File app creates the way the Write API's curl -F example sends them: a zip with no config.xml (so the
/// <c>data</c> JSON alone names the app) and the <c>data</c> part.</summary>
internal static class AppUploads
{
    public static MultipartFormDataContent Zip(string data) => new()
    {
        { ServerHarness.Bytes(Zips.App(configName: null)), "file", "app.zip" },
        { new StringContent(data), "data" },
    };

    /// <summary>POST /api/v1/apps with <paramref name="data"/>, as the account whose token is <paramref name="token"/>.</summary>
    public static Task<Answer> CreateAsync(ServerHarness harness, string data, string token = ServerHarness.Token) =>
        harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", Zip(data), token));

    /// <summary>Creates the app, failing the test unless the server answers 201; returns the new app's id.</summary>
    public static async Task<int> CreatedIdAsync(ServerHarness harness, string data, string token = ServerHarness.Token)
    {
        var answer = await CreateAsync(harness, data, token);
        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        return (int)answer.Object["id"]!;
    }
}
