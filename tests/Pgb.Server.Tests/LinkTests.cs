namespace Pgb.Server.Tests;

/// <summary>HATEOAS: "hit the source of the api - /api/v1 - and then follow the link attributes of the nested
/// resources to navigate the application". Every link the server hands out must lead somewhere.</summary>
[TestClass]
public sealed class LinkTests
{
    [TestMethod]
    public async Task EveryLink_ReachableFromTheRoot_Answers()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync(title: null, zip: Zips.App("Linked", icon: "icon.png")))["id"]!;
        await harness.WaitForBuildAsync(id, "android");

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/api/v1"]);
        while (queue.TryDequeue(out var path))
        {
            if (!seen.Add(path))
            {
                continue;
            }

            var answer = await harness.GetAsync(path);
            Assert.IsTrue(answer.Status is HttpStatusCode.OK or HttpStatusCode.Found, $"{path}: {(int)answer.Status} {answer.Body}");
            if (answer.Status == HttpStatusCode.OK)
            {
                foreach (var link in Links(JsonNode.Parse(answer.Body)))
                {
                    queue.Enqueue(link);
                }
            }
        }

        CollectionAssert.IsSubsetOf(
            new[] { $"/api/v1/apps/{id}", $"/api/v1/apps/{id}/icon", $"/api/v1/apps/{id}/collaborators", "/api/v1/keys/android" },
            seen.ToArray());
    }

    [TestMethod]
    public async Task Collaborators_OfAnApp_ListTheOwnerAsActive()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await harness.CreateFileAppAsync("Shared"))["id"]!;
        var detail = (await harness.GetAsync($"/api/v1/apps/{id}")).Object;
        var link = (string)detail["collaborators"]!["link"]!;

        var list = await harness.GetAsync(link);
        var owner = list.Object["active"]![0]!;
        var one = await harness.GetAsync((string)owner["link"]!);
        var missing = await harness.GetAsync($"{link}/4242");

        Assert.AreEqual(HttpStatusCode.OK, list.Status, list.Body);
        Assert.AreEqual(link, (string?)list.Object["link"]);
        Assert.AreEqual("dev@localhost", (string?)owner["person"]);
        Assert.AreEqual("admin", (string?)owner["role"]);
        Assert.IsEmpty(list.Object["pending"]!.AsArray());
        Assert.AreEqual(HttpStatusCode.OK, one.Status, one.Body);
        Assert.AreEqual((int)owner["id"]!, (int?)one.Object["id"]);
        Assert.AreEqual("dev@localhost", (string?)one.Object["person"]);
        Assert.AreEqual(id, (int?)one.Object["app"]!["id"]);
        Assert.AreEqual((string?)owner["link"], (string?)one.Object["link"]);
        Assert.AreEqual(HttpStatusCode.NotFound, missing.Status);
        Assert.IsFalse(string.IsNullOrEmpty(missing.Error));
    }

    /// <summary>Every "link" string and every download path (the download map holds bare paths) in a document.</summary>
    private static IEnumerable<string> Links(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key switch
        {
            "link" when p.Value is JsonValue v && v.TryGetValue<string>(out var link) => [link],
            "download" when p.Value is JsonObject downloads => downloads.Select(d => (string)d.Value!),
            _ => Links(p.Value),
        }),
        JsonArray array => array.SelectMany(Links),
        _ => [],
    };
}
