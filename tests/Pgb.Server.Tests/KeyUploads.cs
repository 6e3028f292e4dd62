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

    /// <summary>POST /api/v1/keys/:platform with <paramref name="form"/>; the answer, whatever it is.</summary>
    public static Task<Answer> PostAsync(ServerHarness harness, string platform, MultipartFormDataContent form) =>
        harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/keys/{platform}", form));

    /// <summary>PUT /api/v1/keys/:platform/:id with <paramref name="data"/> as the url-encoded <c>data</c> field (unlock, lock, default).</summary>
    public static Task<Answer> PutAsync(ServerHarness harness, string platform, int id, string data) =>
        harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/keys/{platform}/{id}", ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString(data))));

    /// <summary>Uploads a key, failing the test unless the server answers 201; returns the key's id.</summary>
    public static async Task<int> AddAsync(ServerHarness harness, string platform, MultipartFormDataContent form)
    {
        var answer = await PostAsync(harness, platform, form);
        Assert.AreEqual(System.Net.HttpStatusCode.Created, answer.Status, answer.Body);
        return (int)answer.Object["id"]!;
    }
}
