using static Pgb.Server.Tests.Team;

namespace Pgb.Server.Tests;

/// <summary>Collaborators live with their app in the data directory, by e-mail: a restart with the accounts in another
/// order keeps every role and id, a pending invitation becomes active on the first start that configures its e-mail,
/// and directories of data format 2 (no collaborators) open as they are.</summary>
[TestClass]
public sealed class CollaboratorPersistenceTests
{
    [TestMethod]
    public async Task Restart_WithTheAccountsReordered_KeepsEveryRoleAndId()
    {
        using var dir = new TempDirectory();
        int id;
        JsonObject before;
        await using (var first = await StartAsync(dir, Ann, Bob, Carol))
        {
            id = await CreateAppAsync(first);
            await ShareAsync(first, id, Bob, "dev");
            await ShareAsync(first, id, Carol, "tester");
            before = await ListAsync(first, id);
        }

        await using var second = await StartAsync(dir, Carol, Bob, Ann);

        Assert.IsTrue(JsonNode.DeepEquals(before, await ListAsync(second, id)), $"{before}\n{await ListAsync(second, id)}");
        CollectionAssert.AreEqual(new[] { (id, "developer") }, (await AppsOfAsync(second, Bob)).Select(a => (a.Id, a.Role!)).ToArray());
        CollectionAssert.AreEqual(new[] { (id, "tester") }, (await AppsOfAsync(second, Carol)).Select(a => (a.Id, a.Role!)).ToArray());
        Assert.AreEqual(HttpStatusCode.Accepted, (await second.SendAsync(As(Bob, HttpMethod.Post, $"/api/v1/apps/{id}/build", Data("{}")))).Status);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await second.SendAsync(As(Carol, HttpMethod.Post, $"/api/v1/apps/{id}/build", Data("{}")))).Status);
    }

    [TestMethod]
    public async Task APendingInvitation_BecomesActive_WhenARestartConfiguresItsEmail()
    {
        using var dir = new TempDirectory();
        var newGuy = new PgbAccount("newguy", NewGuy, "pw", "newguy-token");
        int id, invited;
        await using (var first = await StartAsync(dir, Ann))
        {
            id = await CreateAppAsync(first);
            var answer = await AddAsync(first, id, NewGuy, "dev");
            Assert.AreEqual(HttpStatusCode.Accepted, answer.Status, answer.Body);
            invited = (int)Entry(answer.Object["collaborators"]!, "pending", NewGuy)["id"]!;
        }

        await using var second = await StartAsync(dir, newGuy, Ann);

        var list = await ListAsync(second, id);
        var active = Entry(list, "active", NewGuy);
        Assert.AreEqual(invited, (int?)active["id"], "the same collaborator, now active");
        Assert.AreEqual("developer", (string?)active["role"]);
        Assert.IsEmpty(list["pending"]!.AsArray());
        CollectionAssert.AreEqual(new[] { (id, "developer") }, (await AppsOfAsync(second, newGuy)).Select(a => (a.Id, a.Role!)).ToArray());
        var update = await second.SendAsync(As(newGuy, HttpMethod.Put, $"/api/v1/apps/{id}", Data("{\"version\":\"1.0.0\"}")));
        Assert.AreEqual(HttpStatusCode.OK, update.Status, update.Body);

        var again = await AddAsync(second, id, NewGuy, "tester");
        Assert.AreEqual(HttpStatusCode.BadRequest, again.Status, "already a collaborator, whether pending or active");
    }

    [TestMethod]
    public async Task AnActiveCollaborator_WhoseAccountIsGone_IsPendingAgain()
    {
        using var dir = new TempDirectory();
        var id = await ShareWithBobAndStopAsync(dir, "tester");

        await using var second = await StartAsync(dir, Ann);

        Assert.AreEqual("tester", (string?)Entry(await ListAsync(second, id), "pending", Bob.Email)["role"]);
    }

    /// <summary>An app whose owner is not configured is nobody's to reach, its collaborators' neither: it answers to its
    /// owner and builds with the owner's keys. It is reported, and back once the owner is.</summary>
    [TestMethod]
    public async Task AnAppWithoutItsOwner_IsUnreachableToItsCollaboratorsToo()
    {
        using var dir = new TempDirectory();
        var id = await ShareWithBobAndStopAsync(dir, "admin");

        await using (var withoutAnn = await StartAsync(dir, Bob))
        {
            Assert.AreEqual(HttpStatusCode.NotFound, (await withoutAnn.SendAsync(As(Bob, HttpMethod.Get, $"/api/v1/apps/{id}"))).Status);
            Assert.IsEmpty(await AppsOfAsync(withoutAnn, Bob));
            CollectionAssert.AreEqual(new[] { id }, withoutAnn.Server.UnreachableApps.Single().AppIds.ToArray());
        }

        await using var annBack = await StartAsync(dir, Bob, Ann);
        CollectionAssert.AreEqual(new[] { (id, "admin") }, (await AppsOfAsync(annBack, Bob)).Select(a => (a.Id, a.Role!)).ToArray());
    }

    /// <summary>Ann's app shared with Bob as <paramref name="role"/>, written to <paramref name="dir"/> by a server that has
    /// stopped since; returns the app's id.</summary>
    private static async Task<int> ShareWithBobAndStopAsync(TempDirectory dir, string role)
    {
        await using var first = await StartAsync(dir, Ann, Bob);
        var id = await CreateAppAsync(first);
        await ShareAsync(first, id, Bob, role);
        return id;
    }

    [TestMethod]
    public async Task TheAppFile_ListsCollaboratorsByEmail_AndSaysFormat3()
    {
        using var dir = new TempDirectory();
        await using (var server = await StartAsync(dir, Ann, Bob))
        {
            var id = await CreateAppAsync(server);
            await ShareAsync(server, id, Bob, "dev");
            await AddAsync(server, id, NewGuy, "tester");
        }

        var file = JsonNode.Parse(File.ReadAllText(dir.Combine("apps", "1.json")))!;

        Assert.AreEqual(3, (int?)file["format"]);
        Assert.AreEqual(
            "[{\"id\":2,\"email\":\"bob@example.com\",\"role\":\"developer\"},{\"id\":3,\"email\":\"newguy@example.com\",\"role\":\"tester\"}]",
            file["collaborators"]!.ToJsonString());
        Assert.AreEqual(3, (int?)file["lastCollaboratorId"]);
    }

    /// <summary>Format 2 had no collaborators: its files are read as they are, each app shared with nobody, and the first
    /// start writes format 3, which a format 2 server then refuses rather than dropping collaborators.</summary>
    [TestMethod]
    public async Task Format2Directory_OpensSharedWithNobody_AndCanBeShared()
    {
        using var dir = new TempDirectory();
        int id;
        await using (var writer = await StartAsync(dir, Ann, Bob))
        {
            id = await CreateAppAsync(writer);
        }

        foreach (var file in new[] { dir.Combine("state.json"), dir.Combine("accounts.json"), dir.Combine("apps", $"{id}.json") })
        {
            var text = File.ReadAllText(file);
            Assert.Contains("\"format\": 3", text);
            File.WriteAllText(file, text.Replace("\"format\": 3", "\"format\": 2", StringComparison.Ordinal));
        }

        await using var server = await StartAsync(dir, Bob, Ann);

        var list = await ListAsync(server, id);
        Assert.AreEqual(Ann.Email, (string?)list["active"]!.AsArray().Single()!["person"]);
        Assert.IsEmpty(list["pending"]!.AsArray());
        Assert.IsEmpty(await AppsOfAsync(server, Bob));
        var bob = await ShareAsync(server, id, Bob, "tester");
        Assert.AreEqual(2, bob, "the first collaborator after the owner");
        Assert.Contains("\"format\": 3", File.ReadAllText(dir.Combine("state.json")));
        Assert.Contains("\"collaborators\"", File.ReadAllText(dir.Combine("apps", $"{id}.json")));
    }

    [TestMethod]
    [DataRow("[{\"id\":2,\"email\":\"bob@example.com\",\"role\":\"owner\"}]", 2, DisplayName = "Start_WithACollaboratorOfAnUnknownRole_FailsNamingTheFile")]
    [DataRow("[{\"id\":2,\"email\":\"bob@example.com\",\"role\":\"tester\"},{\"id\":3,\"email\":\"BOB@example.com\",\"role\":\"admin\"}]", 3, DisplayName = "Start_WithACollaboratorListedTwice_FailsNamingTheFile")]
    [DataRow("[{\"id\":1,\"email\":\"bob@example.com\",\"role\":\"tester\"}]", 1, DisplayName = "Start_WithACollaboratorOfTheOwnersId_FailsNamingTheFile")]
    [DataRow("[{\"id\":5,\"email\":\"bob@example.com\",\"role\":\"tester\"}]", 4, DisplayName = "Start_WithACollaboratorIdAboveTheLast_FailsNamingTheFile")]
    [DataRow("[{\"id\":2,\"email\":\"ann@example.com\",\"role\":\"tester\"}]", 2, DisplayName = "Start_WithTheOwnerAsACollaborator_FailsNamingTheFile")]
    [DataRow("[{\"id\":2,\"role\":\"tester\"}]", 2, DisplayName = "Start_WithACollaboratorWithoutAnEmail_FailsNamingTheFile")]
    public async Task Start_WithADamagedCollaboratorList_FailsNamingTheFile(string collaborators, int lastId)
    {
        using var dir = new TempDirectory();
        await using (var writer = await StartAsync(dir, Ann))
        {
            await CreateAppAsync(writer);
        }

        var path = dir.Combine("apps", "1.json");
        var app = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        app["collaborators"] = JsonNode.Parse(collaborators);
        app["lastCollaboratorId"] = lastId;
        File.WriteAllText(path, app.ToJsonString());

        await DataDirectoryAssert.StartFailsAsync(() => StartAsync(dir, Ann), PgbDataDirectoryProblem.Corrupt, path);
    }
}
