namespace Pgb.Integration.Tests;

/// <summary>Signing keys between the client and the server, which share nothing but the spec.</summary>
[TestClass]
public sealed class SigningKeyTests : IntegrationTest
{
    [TestInitialize]
    public void CreateApp()
    {
        Temp.WriteFile("www/index.html", "<html><body>signed</body></html>");
        File.WriteAllBytes(Temp.Combine("release.keystore"), [0xFE, 0xED, 0xFE, 0xED, 1, 2, 3, 4]);
    }

    [TestMethod]
    public async Task AndroidKey_UploadedLocked_FailsTheBuild_UnlockedBuilds_AndAWrongPasswordFailsWithTheServersText()
    {
        const string keyPassword = "key-secret-41e9";
        const string wrongPassword = "wrong-secret-07b2";
        // A configured account: it starts with no key (the development account has a default one for android).
        var account = new PgbAccount("ann", "ann@example.com", "ann-password", "ann-token");
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(100), Accounts = { account } });
        server.Simulation.RejectKeyPassword(wrongPassword);
        using var client = new PgbClient(server.BaseUri, PgbCredential.FromToken(account.Token));
        var pipeline = new PgbPipeline(client);
        var archive = await PgbPackager.PackageAsync(new PgbPackageRequest { WwwDirectory = Temp.Combine("www"), OutputPath = Temp.Combine("app.zip") });

        // Uploaded without passwords: locked, as the service keeps it until unlocked.
        var key = await client.CreateKeyAsync(new PgbAndroidKeyOptions { Title = "Release", KeystorePath = Temp.Combine("release.keystore"), Alias = "release" });
        Assert.IsTrue(key.Locked, "a key uploaded without passwords is locked");
        var listed = await client.GetPlatformKeysAsync("android");
        Assert.AreEqual(key.Id, listed.Keys!.Single().Id);

        var app = await client.CreateAppFromFileAsync(new PgbAppCreateOptions { Title = "Signed", Keys = new Dictionary<string, object> { ["android"] = key.Id } }, archive.ArchivePath);
        var locked = await Assert.ThrowsExactlyAsync<PgbPipelineException>(() => pipeline.WaitForCompletionAsync(app.Id, ["android"], FastWait));
        Assert.AreEqual(PgbErrorCodes.BuildFailed, locked.Code);
        StringAssert.Contains(locked.Message, "locked");

        var unlocked = await client.UnlockKeyAsync("android", key.Id, new PgbKeyUnlockOptions { KeyPassword = keyPassword, KeystorePassword = keyPassword });
        Assert.IsFalse(unlocked.Locked);
        await client.QueueBuildAsync(app.Id, ["android"]);
        var built = await pipeline.WaitForCompletionAsync(app.Id, ["android"], FastWait);
        Assert.AreEqual("complete", built.StatusOf("android"));
        Assert.AreEqual("Release", built.Keys["android"]!.Title, "the app names the key it is signed with");

        await client.UnlockKeyAsync("android", key.Id, new PgbKeyUnlockOptions { KeyPassword = wrongPassword, KeystorePassword = wrongPassword });
        await client.QueueBuildAsync(app.Id, ["android"]);
        var wrong = await Assert.ThrowsExactlyAsync<PgbPipelineException>(() => pipeline.WaitForCompletionAsync(app.Id, ["android"], FastWait));
        StringAssert.Contains(wrong.Message, "Keystore was tampered with, or password was incorrect");

        await client.DeleteKeyAsync("android", key.Id);
        Assert.IsEmpty((await client.GetPlatformKeysAsync("android")).Keys!);
        Assert.IsFalse(server.Requests.Any(r => r.Path.Contains(keyPassword, StringComparison.Ordinal) || r.Path.Contains(wrongPassword, StringComparison.Ordinal)),
            "passwords travel in bodies, never in URLs");
    }

    [TestMethod]
    public async Task Pipeline_WithAnAndroidKeyAndItsPasswords_UnlocksSelectsAndBuildsSigned_AndAWrongPasswordFailsTheRun()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(100) });
        server.Simulation.RejectKeyPassword("wrong-password-3f");
        using var client = ClientOf(server);
        var key = await client.CreateKeyAsync(new PgbAndroidKeyOptions { Title = "Release", KeystorePath = Temp.Combine("release.keystore"), Alias = "release" });
        PgbJob Job(string password) => new()
        {
            Package = new PgbPackageRequest { WwwDirectory = Temp.Combine("www"), OutputPath = Temp.Combine("obj", "app.zip") },
            Upload = new PgbUploadRequest { CreateApp = true, AppIdFile = Temp.Combine("obj", "app-id.txt"), Title = "Signed" },
            Platforms = ["android"],
            Keys = [new PgbSigningKey { Platform = "android", KeyId = key.Id, KeyPassword = password, KeystorePassword = password }],
            Wait = FastWait,
            OutputDirectory = Temp.Combine("out"),
            ArtifactName = "Signed",
        };

        var result = await new PgbPipeline(client).RunAsync(Job("right-password-8a"));

        var app = await client.GetAppAsync(result.AppId);
        Assert.AreEqual(key.Id, app.Keys["android"]!.Id, "the app is signed with the chosen key");
        Assert.AreEqual("Release", app.Keys["android"]!.Title);
        CollectionAssert.AreEqual(server.GetArtifact(result.AppId, "android"), File.ReadAllBytes(result.Artifacts.Single().Path));

        var failed = await Assert.ThrowsExactlyAsync<PgbPipelineException>(() => new PgbPipeline(client).RunAsync(Job("wrong-password-3f")));
        Assert.AreEqual(PgbErrorCodes.BuildFailed, failed.Code);
        StringAssert.Contains(failed.Message, "Keystore was tampered with, or password was incorrect");
        Assert.DoesNotContain("wrong-password-3f", failed.Message);
    }
}
