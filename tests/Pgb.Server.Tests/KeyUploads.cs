namespace Pgb.Server.Tests;

/// <summary>Key uploads the way the Write API's curl examples send them: file parts plus a <c>data</c> JSON part.</summary>
internal static class KeyUploads
{
    public static MultipartFormDataContent Ios(string data) => new()
    {
        { ServerHarness.Bytes(Encoding.UTF8.GetBytes("p12")), "cert", "My_Certificate.p12" },
        { ServerHarness.Bytes(Encoding.UTF8.GetBytes("profile")), "profile", "meandmyteam.mobileprovision" },
        { new StringContent(data), "data" },
    };

    public static MultipartFormDataContent Android(string data) => new()
    {
        { ServerHarness.Bytes(Encoding.UTF8.GetBytes("keystore")), "keystore", "android.keystore" },
        { new StringContent(data), "data" },
    };

    public static MultipartFormDataContent BlackBerry(string data) => new()
    {
        { ServerHarness.Bytes(Encoding.UTF8.GetBytes("db")), "db", "sigtool.db" },
        { ServerHarness.Bytes(Encoding.UTF8.GetBytes("csk")), "csk", "sigtool.csk" },
        { new StringContent(data), "data" },
    };

    public static async Task<int> AddAsync(ServerHarness harness, string platform, MultipartFormDataContent form)
    {
        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/keys/{platform}", form));
        Assert.AreEqual(System.Net.HttpStatusCode.Created, answer.Status, answer.Body);
        return (int)answer.Object["id"]!;
    }
}
