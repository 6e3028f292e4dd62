using static Pgb.Testing.TestAccounts;

namespace Pgb.Integration.Tests;

/// <summary>
/// The client's collaborator calls against a real server on 127.0.0.1 with several accounts: each side was written from
/// the Write API alone, so here each checks the other (the role sent as <c>dev</c> and answered as <c>developer</c>,
/// 201 and 202, the 401 to those who do not manage the app, the 403 of a role too weak, the 404 to strangers).
/// </summary>
[TestClass]
public sealed class ClientCollaboratorTests : IntegrationTest
{
    private static Task<PgbServer> StartAsync() =>
        PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(200) }.WithAll());

    private static PgbClient ClientOf(PgbServer server, PgbAccount account) => new(server.BaseUri, PgbCredential.FromToken(account.Token));

    private async Task<PgbApp> CreateAppAsync(PgbClient client)
    {
        var zip = Temp.Combine("app.zip");
        File.WriteAllBytes(zip, Zips.App(configName: null));
        return await client.CreateAppFromFileAsync(new PgbAppCreateOptions { Title = "Shared" }, zip);
    }

    [TestMethod]
    public async Task Add_WithAnAccountsEmail_IsActive_AndWithAnyOther_IsPending_EachWithItsRoleAsAnswered()
    {
        await using var server = await StartAsync();
        using var ann = ClientOf(server, Ann);
        var app = await CreateAppAsync(ann);

        var bob = await ann.AddCollaboratorAsync(app.Id, Bob.Email, "dev");
        var invited = await ann.AddCollaboratorAsync(app.Id, "newguy@example.com", PgbCollaboratorRoles.Tester);
        var listed = await ann.GetCollaboratorsAsync(app.Id);

        Assert.IsFalse(bob.Pending, "201: Bob has an account");
        Assert.IsTrue(invited.Pending, "202: nobody has that e-mail");
        Assert.IsNotNull(listed);
        var active = listed.Active.Single(c => c.Person == Bob.Email);
        Assert.AreEqual(PgbCollaboratorRoles.Developer, active.Role, "sent as dev, answered as developer");
        Assert.AreEqual(Ann.Email, listed.Active[0].Person);
        Assert.AreEqual(PgbCollaboratorRoles.Admin, listed.Active[0].Role, "the owner is listed as an admin");
        var pending = listed.Pending.Single();
        Assert.AreEqual("newguy@example.com", pending.Person);
        Assert.IsNotNull(pending.Id, "a pending invitation can be changed or withdrawn by its id");
        Assert.AreEqual(listed.Pending.Single().Person, invited.App.Collaborators!.Pending.Single().Person, "the 202 answer lists the invitation");
    }

    [TestMethod]
    public async Task ChangeRoleAndRemove_ReturnTheCollaboratorAndTheServicesText_AndTheAccountLosesTheApp()
    {
        await using var server = await StartAsync();
        using var ann = ClientOf(server, Ann);
        using var bob = ClientOf(server, Bob);
        var app = await CreateAppAsync(ann);
        var added = await ann.AddCollaboratorAsync(app.Id, Bob.Email, PgbCollaboratorRoles.Tester);
        var id = added.App.Collaborators!.Active.Single(c => c.Person == Bob.Email).Id!.Value;

        var changed = await ann.ChangeCollaboratorRoleAsync(app.Id, id, PgbCollaboratorRoles.Developer);
        var seen = await bob.GetAppAsync(app.Id);
        var removed = await ann.RemoveCollaboratorAsync(app.Id, id);
        var gone = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => bob.GetAppAsync(app.Id));

        Assert.AreEqual(Bob.Email, changed.Person);
        Assert.AreEqual(PgbCollaboratorRoles.Developer, changed.Role);
        Assert.AreEqual(app.Id, changed.App!.Id);
        Assert.AreEqual(PgbCollaboratorRoles.Developer, seen.Role);
        Assert.AreEqual($"{Bob.Email} removed from app {app.Id}", removed);
        Assert.AreEqual(404, gone.Status);
    }

    [TestMethod]
    public async Task ATester_GetsNoCollaborators_401ForChangingThem_And403ForAnUpdate()
    {
        await using var server = await StartAsync();
        using var ann = ClientOf(server, Ann);
        using var bob = ClientOf(server, Bob);
        var app = await CreateAppAsync(ann);
        await ann.AddCollaboratorAsync(app.Id, Bob.Email, PgbCollaboratorRoles.Tester);

        var listed = await bob.GetCollaboratorsAsync(app.Id);
        var add = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => bob.AddCollaboratorAsync(app.Id, Dave.Email, PgbCollaboratorRoles.Admin));
        var update = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => bob.UpdateAppAsync(app.Id, new PgbAppUpdateOptions { Title = "Mine" }));

        Assert.IsNull(listed, "the app answers a tester without its collaborators");
        Assert.AreEqual(401, add.Status, "the Write API: 401 to whoever does not own the app");
        Assert.AreEqual(403, update.Status);
        Assert.Contains("tester", update.ErrorMessage!);
        Assert.AreEqual("Shared", (await ann.GetAppAsync(app.Id)).Title);
    }

    [TestMethod]
    public async Task AStranger_Gets404_OnTheAppAndItsCollaborators()
    {
        await using var server = await StartAsync();
        using var ann = ClientOf(server, Ann);
        using var dave = ClientOf(server, Dave);
        var app = await CreateAppAsync(ann);

        var read = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => dave.GetCollaboratorsAsync(app.Id));
        var add = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => dave.AddCollaboratorAsync(app.Id, Dave.Email, PgbCollaboratorRoles.Admin));

        Assert.AreEqual(404, read.Status);
        Assert.AreEqual(404, add.Status);
    }
}
