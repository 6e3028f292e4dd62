namespace Pgb.Server.Tests;

/// <summary>Hostile uploads against a running server: each is refused with a 400 that says why, and the server goes on
/// serving (a config.xml nested 200,000 deep used to overflow the stack and end the process; a zip of config.xml
/// bombs used to be inflated whole).</summary>
[TestClass]
public sealed class UploadBudgetTests
{
    [TestMethod]
    [DataRow(10_000, "config.xml nests elements more than 64 levels deep", false)]
    [DataRow(200_000, "config.xml is larger than 1 MiB", false)]
    [DataRow(10_000, "config.xml nests elements more than 64 levels deep", true)]
    public async Task Create_WithDeeplyNestedConfigXml_Returns400AndTheServerGoesOn(int levels, string error, bool persisted)
    {
        using var data = new TempDirectory();
        await using var harness = await ServerHarness.StartAsync(o => o.DataDirectory = persisted ? data.Path : null);

        var answer = await harness.SendAsync(Create(Zips.Create(("config.xml", Nested(levels)))));
        var after = await harness.GetAsync("/api/v1/me");

        AnswerAssert.IsError(answer, HttpStatusCode.BadRequest, error);
        Assert.AreEqual(HttpStatusCode.OK, after.Status);
        Assert.IsEmpty((await harness.GetAsync("/api/v1/apps")).Object["apps"]!.AsArray(), "nothing was created");
        Assert.IsEmpty(data.ListFiles("blobs"), "no upload was kept");
        Assert.IsEmpty(data.ListFiles("apps"), "no app was written");
    }

    [TestMethod]
    public async Task Update_WithDeeplyNestedConfigXml_Returns400AndLeavesTheAppAsItWas()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync("Before"))["id"]!;
        var form = new MultipartFormDataContent { { ServerHarness.Bytes(Zips.Create(("www/config.xml", Nested(10_000)))), "file", "app.zip" } };

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/apps/{id}", form));

        AnswerAssert.IsError(answer, HttpStatusCode.BadRequest, "www/config.xml nests elements more than 64 levels deep");
        Assert.AreEqual("Before", (string?)(await harness.GetAsync($"/api/v1/apps/{id}")).Object["title"]);
    }

    [TestMethod]
    public async Task Create_WithAnIconLargerThanTheBudget_Returns400()
    {
        await using var harness = await ServerHarness.StartAsync();
        var zip = Zips.Create(("config.xml", Encoding.UTF8.GetBytes(Zips.ConfigXml("Big Icon", "icon.png"))), ("icon.png", new byte[(8 * 1024 * 1024) + 1]));

        var answer = await harness.SendAsync(Create(zip));

        AnswerAssert.IsError(answer, HttpStatusCode.BadRequest, "the icon icon.png is larger than 8 MiB");
    }

    [TestMethod]
    public async Task SetIcon_LargerThanTheBudget_Returns400AndKeepsTheOldIcon()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync())["id"]!;
        var form = new MultipartFormDataContent { { ServerHarness.Bytes(new byte[(8 * 1024 * 1024) + 1]), "icon", "icon.png" } };

        var answer = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/icon", form));

        AnswerAssert.IsError(answer, HttpStatusCode.BadRequest, "the icon is larger than 8 MiB");
        Assert.AreEqual(HttpStatusCode.NotFound, (await harness.GetAsync($"/api/v1/apps/{id}/icon")).Status);
    }

    /// <summary>The server runs in this process, and the test runs alone (no other test allocates meanwhile): what the
    /// process allocates around the request is what the server spent on it. Today's rule reads the config.xml at the root
    /// and nothing else; the four 128 MiB bombs beside it were inflated whole before (512 MiB).</summary>
    [TestMethod]
    [DoNotParallelize]
    public async Task Create_WithZipBombs_AllocatesAboutTheUploadOnly()
    {
        const long Bomb = 128 * 1024 * 1024;
        var zip = Bombs(("config.xml", Encoding.UTF8.GetBytes(Zips.ConfigXml("Defused"))), ("a/config.xml", Bomb), ("b/config.xml", Bomb), ("www/config.xml", Bomb), ("z/config.xml", Bomb));

        var (answer, allocated) = await CreateMeasuringAsync(zip);

        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        Assert.AreEqual("Defused", (string?)answer.Object["title"]);
        Assert.IsLessThan(64L * 1024 * 1024, allocated, $"{zip.Length} bytes uploaded, {allocated} allocated");
    }

    [TestMethod]
    [DoNotParallelize]
    public async Task Create_WithTheOneConfigXmlABomb_Returns400AndAllocatesAboutTheUploadOnly()
    {
        var zip = Bombs(null, ("config.xml", 512L * 1024 * 1024));

        var (answer, allocated) = await CreateMeasuringAsync(zip);

        AnswerAssert.IsError(answer, HttpStatusCode.BadRequest, "config.xml is larger than 1 MiB");
        Assert.IsLessThan(64L * 1024 * 1024, allocated, $"{zip.Length} bytes uploaded, {allocated} allocated");
    }

    /// <summary>Creates an app from <paramref name="zip"/> on a server that has answered once already; returns the answer
    /// and what the process allocated while the server took the request.</summary>
    private static async Task<(Answer Answer, long Allocated)> CreateMeasuringAsync(byte[] zip)
    {
        await using var harness = await ServerHarness.StartAsync();
        await harness.GetAsync("/api/v1/me");
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var answer = await harness.SendAsync(Create(zip));

        return (answer, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    private static HttpRequestMessage Create(byte[] zip) =>
        ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", new MultipartFormDataContent
        {
            { ServerHarness.Bytes(zip), "file", "app.zip" },
            { new StringContent("{\"title\":\"Hostile\"}"), "data" },
        });

    /// <summary>A zip of <paramref name="first"/> followed by entries of zeros, which deflate about a thousandfold.</summary>
    private static byte[] Bombs((string Name, byte[] Content)? first, params (string Name, long Length)[] bombs)
    {
        var zeros = new byte[1024 * 1024];
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (first is var (name, content))
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }

            foreach (var (bombName, length) in bombs)
            {
                using var stream = zip.CreateEntry(bombName, CompressionLevel.Fastest).Open();
                for (var written = 0L; written < length; written += zeros.Length)
                {
                    stream.Write(zeros);
                }
            }
        }

        return output.ToArray();
    }

    private static byte[] Nested(int levels)
    {
        var builder = new StringBuilder("<widget><name>Deep</name>");
        builder.Insert(builder.Length, "<a>", levels);
        builder.Insert(builder.Length, "</a>", levels);
        return Encoding.UTF8.GetBytes(builder.Append("</widget>").ToString());
    }
}
