using static Pgb.Server.Tests.Team;

namespace Pgb.Server.Tests;

/// <summary>The Write API's collaborator calls: POST .../collaborators (201 for an account, 202 for a pending invitation,
/// the app in the answer), PUT .../collaborators/:id (a new role, 200; a new e-mail, 400), DELETE (the success text), with
/// the owner's rules (401 for collaborators who may not manage them) and the shapes GET shows.</summary>
[TestClass]
public sealed class CollaboratorWriteTests
{
    [TestMethod]
    public async Task Add_AnAccountsEmail_Answers201WithTheAppListingThemActive()
    {
        await using var harness = await StartAsync();
        var id = await CreateAppAsync(harness);

        var answer = await AddAsync(harness, id, Bob.Email, "dev");

        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        Assert.AreEqual(id, (int?)answer.Object["id"], "the affected app is answered");
        Assert.AreEqual("Shared App", (string?)answer.Object["title"]);
        var collaborators = answer.Object["collaborators"]!;
        Assert.AreEqual($"/api/v1/apps/{id}/collaborators", (string?)collaborators["link"]);
        var owner = Entry(collaborators, "active", Ann.Email);
        var bob = Entry(collaborators, "active", Bob.Email);
        Assert.AreEqual("admin", (string?)owner["role"]);
        Assert.AreEqual("developer", (string?)bob["role"], "asked as dev, shown as developer");
        Assert.AreNotEqual((int)owner["id"]!, (int)bob["id"]!);
        Assert.AreEqual($"/api/v1/apps/{id}/collaborators/{(int)bob["id"]!}", (string?)bob["link"]);
        Assert.IsEmpty(collaborators["pending"]!.AsArray());
    }

    [TestMethod]
    public async Task Add_AnEmailOfNoAccount_Answers202WithAPendingInvitation()
    {
        await using var harness = await StartAsync();
        var id = await CreateAppAsync(harness);

        var answer = await AddAsync(harness, id, NewGuy, "tester");
        var list = await ListAsync(harness, id);

        Assert.AreEqual(HttpStatusCode.Accepted, answer.Status, answer.Body);
        Assert.AreEqual("tester", (string?)Entry(answer.Object["collaborators"]!, "pending", NewGuy)["role"]);
        Assert.IsTrue(JsonNode.DeepEquals(answer.Object["collaborators"], list), $"{answer.Object["collaborators"]}\n{list}");
        Assert.HasCount(1, list["active"]!.AsArray(), "only the owner is active");
    }

    [TestMethod]
    [DataRow("{\"role\":\"dev\"}", "email is required")]
    [DataRow("{\"email\":\"  \",\"role\":\"dev\"}", "email is required")]
    [DataRow("{\"email\":\"not-an-address\",\"role\":\"dev\"}", "'not-an-address' is not an e-mail address")]
    [DataRow("{\"email\":\"Bob <bob@example.com>\",\"role\":\"dev\"}", "is not an e-mail address")]
    [DataRow("{\"email\":\"newguy@example.com\"}", "role is required")]
    [DataRow("{\"email\":\"newguy@example.com\",\"role\":\"owner\"}", "role must be tester, dev (developer) or admin, not 'owner'")]
    [DataRow("{\"email\":\"ANN@example.com\",\"role\":\"dev\"}", "owns app")]
    public async Task Add_WithBadInput_Answers400SayingWhy(string data, string expected)
    {
        await using var harness = await StartAsync();
        var id = await CreateAppAsync(harness);

        var answer = await harness.SendAsync(As(Ann, HttpMethod.Post, $"/api/v1/apps/{id}/collaborators", Data(data)));

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status, answer.Body);
        Assert.Contains(expected, answer.Error!);
        Assert.HasCount(1, (await ListAsync(harness, id))["active"]!.AsArray(), "nothing was added");
    }

    [TestMethod]
    public async Task Add_AnEmailLongerThan254Characters_Answers400WithoutEchoingIt()
    {
        await using var harness = await StartAsync();
        var id = await CreateAppAsync(harness);
        var email = new string('a', 250) + "@example.com";

        var answer = await AddAsync(harness, id, email, "tester");

        AnswerAssert.IsError(answer, HttpStatusCode.BadRequest, "email is longer than 254 characters: it is not an e-mail address");
    }

    [TestMethod]
    public async Task Add_TheSameEmailTwice_Answers400NamingTheCollaborator()
    {
        await using var harness = await StartAsync();
        var (id, bob) = await CreateAppSharedWithAsync(harness, Bob, "tester");

        var again = await AddAsync(harness, id, "BOB@example.com", "admin");

        Assert.AreEqual(HttpStatusCode.BadRequest, again.Status, again.Body);
        Assert.Contains($"collaborator #{bob} of app #{id} already", again.Error!);
        Assert.AreEqual("tester", (string?)Entry(await ListAsync(harness, id), "active", Bob.Email)["role"]);
    }

    [TestMethod]
    public async Task Add_AsLooseFieldsOrJson_IsReadToo()
    {
        await using var harness = await StartAsync();
        var id = await CreateAppAsync(harness);
        var form = new MultipartFormDataContent { { new StringContent(Bob.Email), "email" }, { new StringContent("tester"), "role" } };
        var json = new StringContent($"{{\"email\":\"{Carol.Email}\",\"role\":\"admin\"}}", System.Text.Encoding.UTF8, "application/json");

        var loose = await harness.SendAsync(As(Ann, HttpMethod.Post, $"/api/v1/apps/{id}/collaborators", form));
        var body = await harness.SendAsync(As(Ann, HttpMethod.Post, $"/api/v1/apps/{id}/collaborators", json));

        Assert.AreEqual(HttpStatusCode.Created, loose.Status, loose.Body);
        Assert.AreEqual(HttpStatusCode.Created, body.Status, body.Body);
        var list = await ListAsync(harness, id);
        Assert.AreEqual("tester", (string?)Entry(list, "active", Bob.Email)["role"]);
        Assert.AreEqual("admin", (string?)Entry(list, "active", Carol.Email)["role"]);
    }

    [TestMethod]
    public async Task ChangeRole_Answers200WithTheCollaboratorAndTheApp()
    {
        await using var harness = await StartAsync();
        var (id, bob) = await CreateAppSharedWithAsync(harness, Bob, "dev");

        var answer = await harness.SendAsync(As(Ann, HttpMethod.Put, $"/api/v1/apps/{id}/collaborators/{bob}", Data("{\"role\":\"tester\"}")));

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
        Assert.AreEqual(bob, (int?)answer.Object["id"]);
        Assert.AreEqual(Bob.Email, (string?)answer.Object["person"]);
        Assert.AreEqual("tester", (string?)answer.Object["role"]);
        Assert.AreEqual($"/api/v1/apps/{id}/collaborators/{bob}", (string?)answer.Object["link"]);
        Assert.AreEqual(id, (int?)answer.Object["app"]!["id"]);
        Assert.AreEqual("admin", (string?)answer.Object["app"]!["role"], "the app as the caller sees it");
        Assert.AreEqual("tester", (string?)Entry(await ListAsync(harness, id), "active", Bob.Email)["role"]);
        var read = (await harness.SendAsync(As(Ann, HttpMethod.Get, $"/api/v1/apps/{id}/collaborators/{bob}"))).Object;
        var written = answer.Object;
        read.Remove("app");
        written.Remove("app");
        Assert.IsTrue(JsonNode.DeepEquals(written, read), $"GET shows the same collaborator:\n{written}\n{read}");
    }

    [TestMethod]
    public async Task ChangeRole_OfAPendingInvitation_Works()
    {
        await using var harness = await StartAsync();
        var id = await CreateAppAsync(harness);
        var invited = (int)Entry((await AddAsync(harness, id, NewGuy, "tester")).Object["collaborators"]!, "pending", NewGuy)["id"]!;

        var answer = await harness.SendAsync(As(Ann, HttpMethod.Put, $"/api/v1/apps/{id}/collaborators/{invited}", Data("{\"role\":\"admin\"}")));

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
        Assert.AreEqual("admin", (string?)Entry(await ListAsync(harness, id), "pending", NewGuy)["role"]);
    }

    [TestMethod]
    public async Task ChangeRole_WithAnotherEmail_Answers400_AndWithTheSameEmail_Works()
    {
        await using var harness = await StartAsync();
        var (id, bob) = await CreateAppSharedWithAsync(harness, Bob, "dev");
        var path = $"/api/v1/apps/{id}/collaborators/{bob}";

        var other = await harness.SendAsync(As(Ann, HttpMethod.Put, path, Data($"{{\"email\":\"{Carol.Email}\",\"role\":\"tester\"}}")));
        var same = await harness.SendAsync(As(Ann, HttpMethod.Put, path, Data("{\"email\":\"Bob@Example.com\",\"role\":\"tester\"}")));

        Assert.AreEqual(HttpStatusCode.BadRequest, other.Status, other.Body);
        Assert.Contains("the e-mail of a collaborator cannot be changed", other.Error!);
        Assert.AreEqual(HttpStatusCode.OK, same.Status, same.Body);
        Assert.AreEqual(Bob.Email, (string?)same.Object["person"]);
        Assert.AreEqual("tester", (string?)same.Object["role"]);
    }

    [TestMethod]
    [DataRow("{}", "role is required")]
    [DataRow("{\"role\":\"boss\"}", "not 'boss'")]
    public async Task ChangeRole_WithoutAValidRole_Answers400(string data, string expected)
    {
        await using var harness = await StartAsync();
        var (id, bob) = await CreateAppSharedWithAsync(harness, Bob, "dev");

        var answer = await harness.SendAsync(As(Ann, HttpMethod.Put, $"/api/v1/apps/{id}/collaborators/{bob}", Data(data)));

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status, answer.Body);
        Assert.Contains(expected, answer.Error!);
    }

    [TestMethod]
    public async Task Remove_Answers202WithTheDocumentedText_AndTheAccountLosesTheApp()
    {
        await using var harness = await StartAsync();
        var (id, bob) = await CreateAppSharedWithAsync(harness, Bob, "dev");
        Assert.AreEqual(HttpStatusCode.OK, (await harness.SendAsync(As(Bob, HttpMethod.Get, $"/api/v1/apps/{id}"))).Status);

        var answer = await harness.SendAsync(As(Ann, HttpMethod.Delete, $"/api/v1/apps/{id}/collaborators/{bob}"));

        Assert.AreEqual(HttpStatusCode.Accepted, answer.Status, answer.Body);
        Assert.AreEqual($"{{\"success\":\"bob@example.com removed from app {id}\"}}", answer.Body);
        Assert.AreEqual(HttpStatusCode.NotFound, (await harness.SendAsync(As(Bob, HttpMethod.Get, $"/api/v1/apps/{id}"))).Status);
        Assert.IsEmpty(await AppsOfAsync(harness, Bob));
        Assert.AreEqual(HttpStatusCode.NotFound, (await harness.SendAsync(As(Ann, HttpMethod.Delete, $"/api/v1/apps/{id}/collaborators/{bob}"))).Status);
    }

    [TestMethod]
    public async Task Remove_APendingInvitation_Works()
    {
        await using var harness = await StartAsync();
        var id = await CreateAppAsync(harness);
        var invited = (int)Entry((await AddAsync(harness, id, NewGuy, "tester")).Object["collaborators"]!, "pending", NewGuy)["id"]!;

        var answer = await harness.SendAsync(As(Ann, HttpMethod.Delete, $"/api/v1/apps/{id}/collaborators/{invited}"));

        Assert.AreEqual(HttpStatusCode.Accepted, answer.Status, answer.Body);
        Assert.AreEqual($"{NewGuy} removed from app {id}", (string?)answer.Object["success"]);
        Assert.IsEmpty((await ListAsync(harness, id))["pending"]!.AsArray());
    }

    [TestMethod]
    public async Task Ids_OfRemovedCollaborators_AreNeverHandedOutAgain()
    {
        await using var harness = await StartAsync();
        var (id, bob) = await CreateAppSharedWithAsync(harness, Bob, "dev");
        await harness.SendAsync(As(Ann, HttpMethod.Delete, $"/api/v1/apps/{id}/collaborators/{bob}"));

        var carol = await ShareAsync(harness, id, Carol, "dev");
        var stale = await harness.SendAsync(As(Ann, HttpMethod.Get, $"/api/v1/apps/{id}/collaborators/{bob}"));

        Assert.AreNotEqual(bob, carol);
        Assert.AreEqual(HttpStatusCode.NotFound, stale.Status, "a removed collaborator's link names nobody");
        Assert.AreEqual($"collaborator #{bob} not available for app #{id}", stale.Error);
    }

    [TestMethod]
    [DataRow("PUT")]
    [DataRow("DELETE")]
    public async Task TheOwner_CannotBeRemovedOrGivenAnotherRole(string method)
    {
        await using var harness = await StartAsync();
        var (id, _) = await CreateAppSharedWithAsync(harness, Bob, "admin");
        var owner = (int)Entry(await ListAsync(harness, id), "active", Ann.Email)["id"]!;

        foreach (var by in new[] { Ann, Bob })
        {
            var answer = await harness.SendAsync(As(by, new HttpMethod(method), $"/api/v1/apps/{id}/collaborators/{owner}", Data("{\"role\":\"tester\"}")));

            Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status, answer.Body);
            Assert.Contains($"the owner of app #{id} is its admin for good", answer.Error!);
        }

        Assert.AreEqual("admin", (string?)Entry(await ListAsync(harness, id), "active", Ann.Email)["role"]);
    }

    [TestMethod]
    [DataRow("PUT")]
    [DataRow("DELETE")]
    [DataRow("GET")]
    public async Task ACollaboratorIdNamingNobody_Answers404(string method)
    {
        await using var harness = await StartAsync();
        var id = await CreateAppAsync(harness);

        foreach (var collaborator in new[] { "4242", "abc", "-1" })
        {
            var answer = await harness.SendAsync(As(Ann, new HttpMethod(method), $"/api/v1/apps/{id}/collaborators/{collaborator}",
                method == "GET" ? null : Data("{\"role\":\"tester\"}")));

            AnswerAssert.IsError(answer, HttpStatusCode.NotFound, $"collaborator #{collaborator} not available for app #{id}");
        }
    }

    /// <summary>"If you are not the owner of an app, you will receive a 401 unauthorized response": collaborators who are
    /// not admins, whatever they ask of the collaborators; a stranger does not learn that the app exists.</summary>
    [TestMethod]
    [DataRow("tester")]
    [DataRow("dev")]
    public async Task ManagingCollaborators_AsATesterOrDeveloper_Answers401_AndChangesNothing(string role)
    {
        await using var harness = await StartAsync();
        var (id, bob) = await CreateAppSharedWithAsync(harness, Bob, role);
        var carol = await ShareAsync(harness, id, Carol, "tester");
        var before = await ListAsync(harness, id);

        var answers = new[]
        {
            await harness.SendAsync(As(Bob, HttpMethod.Get, $"/api/v1/apps/{id}/collaborators")),
            await harness.SendAsync(As(Bob, HttpMethod.Get, $"/api/v1/apps/{id}/collaborators/{carol}")),
            await AddAsync(harness, id, Dave.Email, "admin", by: Bob),
            await harness.SendAsync(As(Bob, HttpMethod.Put, $"/api/v1/apps/{id}/collaborators/{bob}", Data("{\"role\":\"admin\"}"))),
            await harness.SendAsync(As(Bob, HttpMethod.Put, $"/api/v1/apps/{id}/collaborators/{carol}", Data("{\"role\":\"admin\"}"))),
            await harness.SendAsync(As(Bob, HttpMethod.Delete, $"/api/v1/apps/{id}/collaborators/{carol}")),
        };

        foreach (var answer in answers)
        {
            AnswerAssert.IsError(answer, HttpStatusCode.Unauthorized, $"only the owner or an admin of app #{id} may see or change its collaborators; you are a {(role == "dev" ? "developer" : role)}");
        }

        Assert.IsTrue(JsonNode.DeepEquals(before, await ListAsync(harness, id)));
    }

    [TestMethod]
    public async Task ManagingCollaborators_Answers401WithAChallenge_ExceptToJsonp()
    {
        await using var harness = await StartAsync();
        var (id, _) = await CreateAppSharedWithAsync(harness, Bob, "tester");

        using var plain = await harness.Http.SendAsync(As(Bob, HttpMethod.Get, $"/api/v1/apps/{id}/collaborators"));
        using var jsonp = await harness.Http.GetAsync($"/api/v1/apps/{id}/collaborators?auth_token={Bob.Token}&callback=f");

        Assert.AreEqual(HttpStatusCode.Unauthorized, plain.StatusCode);
        Assert.AreEqual("Basic realm=\"PhoneGap Build\"", plain.Headers.WwwAuthenticate.ToString());
        Assert.AreEqual(HttpStatusCode.Unauthorized, jsonp.StatusCode);
        Assert.IsEmpty(jsonp.Headers.WwwAuthenticate);
        Assert.StartsWith("f({\"error\":\"only the owner or an admin", await jsonp.Content.ReadAsStringAsync());
    }

    /// <summary>The Write API: "You must be the owner/admin of the app to do this."</summary>
    [TestMethod]
    public async Task AnAdmin_AddsChangesAndRemovesCollaborators()
    {
        await using var harness = await StartAsync();
        var (id, _) = await CreateAppSharedWithAsync(harness, Bob, "admin");

        var added = await AddAsync(harness, id, Carol.Email, "tester", by: Bob);
        var carol = (int)Entry(added.Object["collaborators"]!, "active", Carol.Email)["id"]!;
        var changed = await harness.SendAsync(As(Bob, HttpMethod.Put, $"/api/v1/apps/{id}/collaborators/{carol}", Data("{\"role\":\"dev\"}")));
        var list = await ListAsync(harness, id, by: Bob);
        var removed = await harness.SendAsync(As(Bob, HttpMethod.Delete, $"/api/v1/apps/{id}/collaborators/{carol}"));

        Assert.AreEqual(HttpStatusCode.Created, added.Status, added.Body);
        Assert.AreEqual("admin", (string?)added.Object["role"], "the app as Bob sees it");
        Assert.AreEqual(HttpStatusCode.OK, changed.Status, changed.Body);
        Assert.AreEqual("developer", (string?)Entry(list, "active", Carol.Email)["role"]);
        Assert.AreEqual(HttpStatusCode.Accepted, removed.Status, removed.Body);
        Assert.IsEmpty(await AppsOfAsync(harness, Carol));
    }

    [TestMethod]
    public async Task AnAdmin_WhoMakesItselfATester_LosesTheCollaborators()
    {
        await using var harness = await StartAsync();
        var (id, bob) = await CreateAppSharedWithAsync(harness, Bob, "admin");

        var answer = await harness.SendAsync(As(Bob, HttpMethod.Put, $"/api/v1/apps/{id}/collaborators/{bob}", Data("{\"role\":\"tester\"}")));
        var after = await harness.SendAsync(As(Bob, HttpMethod.Get, $"/api/v1/apps/{id}/collaborators"));

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
        Assert.AreEqual("tester", (string?)answer.Object["role"]);
        Assert.AreEqual("tester", (string?)answer.Object["app"]!["role"]);
        Assert.AreEqual(HttpStatusCode.Unauthorized, after.Status);
    }

    [TestMethod]
    public async Task AnApp_KeepsAtMostAHundredCollaborators()
    {
        await using var harness = await StartAsync();
        var id = await CreateAppAsync(harness);
        for (var i = 0; i < 100; i++)
        {
            Assert.AreEqual(HttpStatusCode.Accepted, (await AddAsync(harness, id, $"person{i}@example.com", "tester")).Status);
        }

        var one = await AddAsync(harness, id, Bob.Email, "tester");

        AnswerAssert.IsError(one, HttpStatusCode.BadRequest, $"app #{id} has 100 collaborators, the most this server keeps for an app");
    }

    /// <summary>The Read API shows an app's collaborators "if the authenticated user is the owner of the app" (here: to
    /// whoever may change them); the create and update answers show them as an array, GET as active and pending.</summary>
    [TestMethod]
    public async Task AppAnswers_ShowTheCollaboratorsToTheOwnerAndAdmins_Only()
    {
        await using var harness = await StartAsync();
        var (id, _) = await CreateAppSharedWithAsync(harness, Bob, "dev");
        await ShareAsync(harness, id, Carol, "admin");
        await AddAsync(harness, id, NewGuy, "tester");

        var owner = (await harness.SendAsync(As(Ann, HttpMethod.Get, $"/api/v1/apps/{id}"))).Object;
        var admin = (await harness.SendAsync(As(Carol, HttpMethod.Get, $"/api/v1/apps/{id}"))).Object;
        var developer = (await harness.SendAsync(As(Bob, HttpMethod.Get, $"/api/v1/apps/{id}"))).Object;
        var update = (await harness.SendAsync(As(Ann, HttpMethod.Put, $"/api/v1/apps/{id}", Data("{\"version\":\"0.2.0\"}")))).Object;
        var developerUpdate = (await harness.SendAsync(As(Bob, HttpMethod.Put, $"/api/v1/apps/{id}", Data("{\"version\":\"0.3.0\"}")))).Object;

        Assert.IsTrue(JsonNode.DeepEquals(owner["collaborators"], admin["collaborators"]));
        Assert.HasCount(3, owner["collaborators"]!["active"]!.AsArray());
        var pending = Entry(owner["collaborators"]!, "pending", NewGuy);
        Assert.AreEqual("tester", (string?)pending["role"]);
        Assert.AreEqual($"/api/v1/apps/{id}/collaborators/{(int)pending["id"]!}", (string?)pending["link"], "an invitation can be withdrawn by its link");
        Assert.IsFalse(developer.ContainsKey("collaborators"));
        Assert.AreEqual("developer", (string?)developer["role"]);
        var written = update["collaborators"]!.AsArray();
        CollectionAssert.AreEqual(
            new[] { "ann@example.com admin", "bob@example.com developer", "carol@example.com admin" },
            written.Select(c => $"{(string?)c!["person"]} {(string?)c["role"]}").ToArray(),
            "the people with access, as the update answer's array");
        Assert.IsFalse(developerUpdate.ContainsKey("collaborators"));
        Assert.AreEqual("0.3.0", (string?)developerUpdate["version"]);
    }
}
