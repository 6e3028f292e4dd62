using Pgb.Client;
using Pgb.Client.Models;

namespace Pgb.Tool.Tests;

[TestClass]
public sealed class SigningKeyBuildTests
{
    private const string DevToken = "pgb-dev-token";

    [TestMethod]
    public async Task Build_WithAnAndroidKey_UnlocksItWithThePasswordFromTheVariable_AndSignsTheApp()
    {
        const string password = "tool-key-secret-5d2a";
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(100) });
        using var app = new TestApp();
        var keystore = Path.Combine(app.Root, "release.keystore");
        File.WriteAllBytes(keystore, [1, 2, 3, 4]);
        using var client = new PgbClient(server.BaseUri, PgbCredential.FromToken(DevToken));
        var key = await client.CreateKeyAsync(new PgbAndroidKeyOptions { Title = "Release", KeystorePath = keystore, Alias = "release" });
        var environment = new ToolEnvironment(name => name == app.TokenVariable ? DevToken : name == "RELEASE_PW" ? password : null);

        var run = await ToolRun.RunAsync(environment, app.BuildArgs(server.BaseUri, "--create", "--platforms", "android", "--json",
            "--android-key", key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--android-key-password-variable", "RELEASE_PW", "--android-keystore-password-variable", "RELEASE_PW"));

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.DoesNotContain(password, run.All, "a key password is never printed");
        using var result = JsonDocument.Parse(run.Stdout);
        var built = await client.GetAppAsync(result.RootElement.GetProperty("appId").GetInt32());
        Assert.AreEqual(key.Id, built.Keys["android"]!.Id, "the app is signed with the chosen key");
        Assert.IsFalse((await client.GetKeyAsync("android", key.Id)).Locked, "the key was unlocked with the password");
    }

    [TestMethod]
    public async Task Build_WhenTheKeyPasswordVariableIsUnset_ExitsTwoWithPGB1016BeforeAnyRequest()
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions());
        using var app = new TestApp();
        var environment = new ToolEnvironment(name => name == app.TokenVariable ? DevToken : null);

        var run = await ToolRun.RunAsync(environment, app.BuildArgs(server.BaseUri, "--create", "--platforms", "ios", "--json",
            "--ios-key", "4", "--ios-key-password-variable", "MISSING_IOS_PW"));

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        using var error = JsonDocument.Parse(run.Stdout);
        Assert.AreEqual("PGB1016", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        StringAssert.Contains(error.RootElement.GetProperty("error").GetProperty("message").GetString(), "MISSING_IOS_PW");
        Assert.AreEqual(0L, server.RequestCount);
    }
}
