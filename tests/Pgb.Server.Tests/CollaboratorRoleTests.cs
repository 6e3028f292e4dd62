using static Pgb.Server.Tests.Team;

namespace Pgb.Server.Tests;

/// <summary>Roles on every endpoint of an app, v1 and v0, JSONP too: a tester reads and downloads; a developer also
/// updates and builds (with the owner's signing keys, which it does not choose); an admin does everything the owner does;
/// anyone else gets "not available", as for an app that does not exist. In memory and in a data directory alike.</summary>
[TestClass]
public sealed class CollaboratorRoleTests
{
    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task ATester_ReadsAndDownloads_ButCannotUpdateBuildOrDelete(bool persisted)
    {
        using var data = new TempDirectory();
        await using var harness = await StartAsync(persisted ? data : null);
        var (id, _) = await CreateAppSharedWithAsync(harness, Bob, "tester");
        var before = await WaitForBuildAsync(harness, id, "android");

        await AssertAllowedAsync(harness, Bob, Reads(id));
        await AssertForbiddenAsync(harness, Bob, Updates(id).Concat(Builds(id)),
            call => $"you are a tester of app #{id}: only a developer, an admin or its owner may {(call.Path.Contains("/build") ? "build" : "update")} it");
        await AssertForbiddenAsync(harness, Bob, Deletes(id), _ => $"you are a tester of app #{id}: only an admin or its owner may delete it");

        var after = (await harness.SendAsync(As(Ann, HttpMethod.Get, $"/api/v1/apps/{id}"))).Object;
        Assert.IsTrue(JsonNode.DeepEquals(before, after), $"nothing changed:\n{before}\n{after}");
        var seen = (await harness.SendAsync(As(Bob, HttpMethod.Get, $"/api/v1/apps/{id}"))).Object;
        Assert.AreEqual("tester", (string?)seen["role"]);
        Assert.IsFalse(seen.ContainsKey("collaborators"), "shown to those who may change them only");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task ADeveloper_UpdatesAndBuilds_ButCannotDelete(bool persisted)
    {
        using var data = new TempDirectory();
        await using var harness = await StartAsync(persisted ? data : null);
        var (id, _) = await CreateAppSharedWithAsync(harness, Bob, "dev");
        await WaitForBuildAsync(harness, id, "android");

        await AssertAllowedAsync(harness, Bob, Reads(id).Concat(Updates(id)).Concat(Builds(id)));
        await AssertForbiddenAsync(harness, Bob, Deletes(id), _ => $"you are a developer of app #{id}: only an admin or its owner may delete it");

        var app = (await harness.SendAsync(As(Ann, HttpMethod.Get, $"/api/v1/apps/{id}"))).Object;
        Assert.AreEqual("Renamed by v0", (string?)app["title"], "the developer's updates are the app's");
        Assert.IsGreaterThan(1, (int)app["build_count"]!);
    }

    [TestMethod]
    public async Task ADeveloper_BuildsWithTheOwnersKeys_ButDoesNotChooseThem()
    {
        await using var harness = await StartAsync();
        var key = await AddKeyAsync(harness, Ann, "{\"title\":\"ann's ios key\"}");
        var id = await CreateAppAsync(harness);
        Assert.AreEqual(HttpStatusCode.OK, (await harness.SendAsync(As(Ann, HttpMethod.Put, $"/api/v1/apps/{id}", Data($"{{\"keys\":{{\"ios\":{key}}}}}")))).Status);
        await ShareAsync(harness, id, Bob, "dev");
        var bobsKey = await AddKeyAsync(harness, Bob, "{\"title\":\"bob's ios key\",\"password\":\"p\"}");

        var locked = await BuildAsync(harness, Bob, id);
        await harness.SendAsync(As(Ann, HttpMethod.Put, $"/api/v1/keys/ios/{key}", Data("{\"password\":\"secret\"}")));
        var unlocked = await BuildAsync(harness, Bob, id);
        var choosing = await harness.SendAsync(As(Bob, HttpMethod.Put, $"/api/v1/apps/{id}", Data($"{{\"keys\":{{\"ios\":{bobsKey}}}}}")));
        var unlocking = await harness.SendAsync(As(Bob, HttpMethod.Put, $"/api/v1/apps/{id}", Data($"{{\"keys\":{{\"ios\":{{\"id\":{key},\"password\":\"x\"}}}}}}")));

        Assert.AreEqual("ios signing key is locked", (string?)locked["error"]!["ios"], "the owner's key, locked");
        Assert.AreEqual("complete", (string?)unlocked["status"]!["ios"], "once the owner unlocked it");
        Assert.AreEqual("ann's ios key", (string?)unlocked["keys"]!["ios"]!["title"]);
        foreach (var refused in new[] { choosing, unlocking })
        {
            AnswerAssert.IsError(refused, HttpStatusCode.Forbidden, $"you are a developer of app #{id}: only an admin or its owner may select or unlock its signing keys");
        }

        var bobsKeys = (await harness.SendAsync(As(Bob, HttpMethod.Get, "/api/v1/keys/ios"))).Object["keys"]!.AsArray();
        Assert.AreEqual("bob's ios key", (string?)bobsKeys.Single()!["title"], "the owner's keys stay the owner's");
    }

    [TestMethod]
    public async Task AnAdmin_SelectsTheOwnersKeys_AndDeletesTheApp()
    {
        await using var harness = await StartAsync();
        var key = await AddKeyAsync(harness, Ann, "{\"title\":\"ann's ios key\",\"password\":\"p\"}");
        var id = await CreateAppAsync(harness);
        var other = await CreateAppAsync(harness, title: "Other");
        await ShareAsync(harness, id, Bob, "admin");
        await ShareAsync(harness, other, Bob, "admin");

        var selected = await harness.SendAsync(As(Bob, HttpMethod.Put, $"/api/v1/apps/{id}", Data($"{{\"keys\":{{\"ios\":{key}}}}}")));
        var deleted = await harness.SendAsync(As(Bob, HttpMethod.Delete, $"/api/v1/apps/{id}"));
        var deletedV0 = await harness.SendAsync(As(Bob, HttpMethod.Delete, $"/api/v0/apps/{other}"));

        Assert.AreEqual(HttpStatusCode.OK, selected.Status, selected.Body);
        Assert.AreEqual("ann's ios key", (string?)selected.Object["keys"]!["ios"]!["title"]);
        Assert.AreEqual(HttpStatusCode.Accepted, deleted.Status, deleted.Body);
        Assert.AreEqual(HttpStatusCode.OK, deletedV0.Status, deletedV0.Body);
        Assert.IsEmpty(await AppsOfAsync(harness, Ann));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task ACollaborator_SeesTheAppInAppsAndMe_WithItsRole(bool persisted)
    {
        using var data = new TempDirectory();
        await using var harness = await StartAsync(persisted ? data : null);
        var shared = await CreateAppAsync(harness);
        var notShared = await CreateAppAsync(harness, title: "Ann only");
        var bobs = await CreateAppAsync(harness, owner: Bob, title: "Bob's");
        await ShareAsync(harness, shared, Bob, "tester");

        var apps = await AppsOfAsync(harness, Bob);
        var me = (await harness.SendAsync(As(Bob, HttpMethod.Get, "/api/v1/me"))).Object;
        var v0 = JsonNode.Parse((await harness.SendAsync(As(Bob, HttpMethod.Get, "/api/v0/apps"))).Body)!.AsArray();

        CollectionAssert.AreEqual(new[] { (shared, "tester"), (bobs, "admin") }, apps.Select(a => (a.Id, a.Role!)).ToArray());
        CollectionAssert.AreEqual(
            new[] { $"/api/v1/apps/{shared} tester", $"/api/v1/apps/{bobs} owner" },
            me["apps"]!["all"]!.AsArray().Select(a => $"{(string?)a!["link"]} {(string?)a["role"]}").ToArray());
        CollectionAssert.AreEqual(new[] { shared, bobs }, v0.Select(a => (int)a!["id"]!).ToArray());
        Assert.DoesNotContain(notShared, apps.Select(a => a.Id).ToArray());
    }

    /// <summary>To an account the app is not shared with, it does not exist: every endpoint answers exactly what it answers
    /// for an id no app has, so ids do not leak.</summary>
    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task AStranger_GetsNotAvailableEverywhere_AsForAMissingApp(bool persisted)
    {
        using var data = new TempDirectory();
        await using var harness = await StartAsync(persisted ? data : null);
        var (id, bob) = await CreateAppSharedWithAsync(harness, Bob, "admin");
        await WaitForBuildAsync(harness, id, "android");
        const int Missing = 4242;

        foreach (var (call, missing) in Everything(id, bob).Zip(Everything(Missing, bob)))
        {
            var answer = await call.SendAsync(harness, Dave);
            var nothing = await missing.SendAsync(harness, Dave);

            Assert.AreEqual(HttpStatusCode.NotFound, answer.Status, $"{call}: {answer.Body}");
            Assert.AreEqual($"app #{id} not available", answer.Error, call.ToString());
            Assert.AreEqual(nothing.Body.Replace($"#{Missing}", $"#{id}", StringComparison.Ordinal), answer.Body, call.ToString());
        }

        Assert.IsEmpty(await AppsOfAsync(harness, Dave));
        Assert.IsEmpty((await harness.SendAsync(As(Dave, HttpMethod.Get, "/api/v1/me"))).Object["apps"]!["all"]!.AsArray());
        Assert.AreEqual("[]", (await harness.SendAsync(As(Dave, HttpMethod.Get, "/api/v0/apps"))).Body);
        Assert.HasCount(1, await AppsOfAsync(harness, Ann), "the stranger changed nothing");
    }

    [TestMethod]
    public async Task Jsonp_AppliesTheSameRoles()
    {
        await using var harness = await StartAsync();
        var (id, _) = await CreateAppSharedWithAsync(harness, Bob, "tester");

        var tester = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/apps/{id}?auth_token={Bob.Token}&callback=f"));
        var testerDelete = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/apps/{id}?auth_token={Bob.Token}&callback=f"));
        var stranger = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/apps/{id}?auth_token={Dave.Token}&callback=f"));
        var strangerV0 = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v0/apps/{id}?auth_token={Dave.Token}&callback=f"));

        Assert.AreEqual(HttpStatusCode.OK, tester.Status);
        Assert.StartsWith($"f({{\"title\":\"Shared App\",\"id\":{id},", tester.Body);
        Assert.Contains("\"role\":\"tester\"", tester.Body);
        Assert.AreEqual(HttpStatusCode.Forbidden, testerDelete.Status);
        Assert.StartsWith($"f({{\"error\":\"you are a tester of app #{id}", testerDelete.Body);
        Assert.AreEqual(HttpStatusCode.NotFound, stranger.Status);
        Assert.AreEqual($"f({{\"error\":\"app #{id} not available\"}})", stranger.Body);
        Assert.AreEqual(HttpStatusCode.NotFound, strangerV0.Status);
        Assert.AreEqual($"f({{\"error\":\"app #{id} not available\"}})", strangerV0.Body);
    }

    /// <summary>What a tester may do: read the app (v1 and v0), its status, build log and icon, and download.</summary>
    private static IEnumerable<Call> Reads(int id) =>
    [
        new("GET", $"/api/v1/apps/{id}", HttpStatusCode.OK),
        new("GET", $"/api/v1/apps/{id}/status", HttpStatusCode.OK),
        new("GET", $"/api/v1/apps/{id}/logs/android/build", HttpStatusCode.OK),
        new("GET", $"/api/v1/apps/{id}/icon", HttpStatusCode.Found),
        new("GET", $"/api/v1/apps/{id}/android", HttpStatusCode.Found),
        new("GET", $"/api/v0/apps/{id}", HttpStatusCode.OK),
        new("GET", $"/api/v0/apps/{id}/icon", HttpStatusCode.OK),
        new("GET", $"/api/v0/apps/{id}/android", HttpStatusCode.Found),
    ];

    /// <summary>What a developer may do besides: metadata, a new upload, an icon, v1 and v0 (a push of a file app is a
    /// 400 once the role allows it).</summary>
    private static IEnumerable<Call> Updates(int id) =>
    [
        new("PUT", $"/api/v1/apps/{id}", HttpStatusCode.OK, () => Data("{\"title\":\"Renamed\"}")),
        new("PUT", $"/api/v1/apps/{id}", HttpStatusCode.OK, () => new MultipartFormDataContent { { ServerHarness.Bytes(Zips.App(configName: null)), "file", "app.zip" } }),
        new("POST", $"/api/v1/apps/{id}/icon", HttpStatusCode.Created, Icon("icon")),
        new("POST", $"/api/v0/apps/{id}/icon", HttpStatusCode.OK, Icon("file")),
        new("POST", $"/api/v0/apps/{id}/push", HttpStatusCode.BadRequest, () => ServerHarness.UrlEncoded("data=dummy")),
        new("PUT", $"/api/v0/apps/{id}", HttpStatusCode.OK, () => Data("{\"title\":\"Renamed by v0\"}")),
    ];

    private static IEnumerable<Call> Builds(int id) =>
    [
        new("POST", $"/api/v1/apps/{id}/build", HttpStatusCode.Accepted, () => Data("{\"platforms\":[\"android\"]}")),
        new("POST", $"/api/v1/apps/{id}/build/webos", HttpStatusCode.Accepted, () => ServerHarness.UrlEncoded(string.Empty)),
    ];

    private static IEnumerable<Call> Deletes(int id) =>
    [
        new("DELETE", $"/api/v1/apps/{id}", HttpStatusCode.Accepted),
        new("DELETE", $"/api/v0/apps/{id}", HttpStatusCode.OK),
    ];

    private static IEnumerable<Call> Collaborators(int id, int collaborator) =>
    [
        new("GET", $"/api/v1/apps/{id}/collaborators", HttpStatusCode.OK),
        new("GET", $"/api/v1/apps/{id}/collaborators/{collaborator}", HttpStatusCode.OK),
        new("POST", $"/api/v1/apps/{id}/collaborators", HttpStatusCode.Created, () => Data($"{{\"email\":\"{Dave.Email}\",\"role\":\"admin\"}}")),
        new("PUT", $"/api/v1/apps/{id}/collaborators/{collaborator}", HttpStatusCode.OK, () => Data("{\"role\":\"tester\"}")),
        new("DELETE", $"/api/v1/apps/{id}/collaborators/{collaborator}", HttpStatusCode.Accepted),
    ];

    private static IEnumerable<Call> Everything(int id, int collaborator) =>
        [.. Reads(id), .. Updates(id), .. Builds(id), .. Collaborators(id, collaborator), .. Deletes(id)];

    /// <summary>Sends each call as <paramref name="caller"/>: each answers what it answers to a role that allows it.</summary>
    private static async Task AssertAllowedAsync(ServerHarness harness, PgbAccount caller, IEnumerable<Call> calls)
    {
        foreach (var call in calls)
        {
            var answer = await call.SendAsync(harness, caller);
            Assert.AreEqual(call.Expected, answer.Status, $"{call}: {answer.Body}");
        }
    }

    /// <summary>Sends each call as <paramref name="caller"/>: each is refused with a 403 and the text <paramref name="error"/> gives for it.</summary>
    private static async Task AssertForbiddenAsync(ServerHarness harness, PgbAccount caller, IEnumerable<Call> calls, Func<Call, string> error)
    {
        foreach (var call in calls)
        {
            var answer = await call.SendAsync(harness, caller);
            Assert.AreEqual(HttpStatusCode.Forbidden, answer.Status, $"{call}: {answer.Body}");
            Assert.AreEqual(error(call), answer.Error, call.ToString());
        }
    }

    private static Func<HttpContent> Icon(string part) =>
        () => new MultipartFormDataContent { { ServerHarness.Bytes([0x89, (byte)'P', (byte)'N', (byte)'G', 9]), part, "icon.png" } };

    private static async Task<int> AddKeyAsync(ServerHarness harness, PgbAccount owner, string data)
    {
        var answer = await harness.SendAsync(As(owner, HttpMethod.Post, "/api/v1/keys/ios", KeyUploads.Ios(data)));
        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        return (int)answer.Object["id"]!;
    }

    private static async Task<JsonObject> BuildAsync(ServerHarness harness, PgbAccount by, int id)
    {
        var answer = await harness.SendAsync(As(by, HttpMethod.Post, $"/api/v1/apps/{id}/build/ios", ServerHarness.UrlEncoded(string.Empty)));
        Assert.AreEqual(HttpStatusCode.Accepted, answer.Status, answer.Body);
        return await WaitForBuildAsync(harness, id, "ios");
    }

    /// <summary>One request to an app's endpoint, and what it answers to someone whose role allows it.</summary>
    private sealed record Call(string Method, string Path, HttpStatusCode Expected, Func<HttpContent>? Body = null)
    {
        public Task<Answer> SendAsync(ServerHarness harness, PgbAccount caller) => harness.SendAsync(As(caller, new HttpMethod(Method), Path, Body?.Invoke()));

        public override string ToString() => $"{Method} {Path}";
    }
}
