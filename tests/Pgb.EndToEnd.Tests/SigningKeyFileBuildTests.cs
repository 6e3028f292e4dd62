using System.Text.Json;
using Pgb.Server;

namespace Pgb.EndToEnd.Tests;

/// <summary><c>PgbAndroidKeystore</c> through <c>dotnet build</c> of the packed sample: uploaded once, found again, replaced when it changes.</summary>
[TestClass]
public sealed class SigningKeyFileBuildTests : SampleBuildTest
{
    [TestMethod]
    public async Task DotnetBuild_UploadsTheKeystoreOnce_SignsWithIt_AndUploadsANewKeyWhenTheKeystoreChanges()
    {
        var passwordVariable = "PGB_E2E_KEYSTORE_PW_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        const string password = "e2e-keystore-pa55-41c9";
        Environment.SetEnvironmentVariable(passwordVariable, password);
        try
        {
            var sample = await StartAsync(TimeSpan.FromMilliseconds(200));
            var keystore = Path.Combine(sample.Directory, "release.keystore");
            File.WriteAllText(keystore, "first keystore");
            string[] settings =
            [
                "-p:PgbPlatforms=android", "-p:PgbAndroidKeystore=release.keystore", "-p:PgbAndroidKeyAlias=release",
                "-p:PgbAndroidKeyPasswordVariable=" + passwordVariable, "-p:PgbAndroidKeystorePasswordVariable=" + passwordVariable,
            ];
            int KeyUploads() => Server.RequestsTo("POST", "/api/v1/keys/android").Length;

            var first = await sample.BuildAsync(Server.BaseUri, DevToken, [.. settings, "-bl:first.binlog"]);
            Assert.AreEqual(0, first.ExitCode, first.Output);
            Assert.AreEqual(1, KeyUploads(), first.Output);
            Assert.IsTrue(File.Exists(Path.Combine(sample.OutputDirectory, "HelloCordova-android.apk")), first.Output);
            var signing = await AndroidKeyOfAppAsync(Server, sample.CreatedAppId);
            StringAssert.Matches(signing, new System.Text.RegularExpressions.Regex(" android [0-9a-f]{12}$"), "the app builds with the uploaded key");
            Assert.DoesNotContain(password, first.Output);
            Assert.DoesNotContain(password, BinaryLogText.Read(Path.Combine(sample.Directory, "first.binlog")), "no password in the binlog");

            File.WriteAllText(Path.Combine(sample.Directory, "www", "js", "extra.js"), "console.log('extra');\n");
            var wwwChanged = await sample.BuildAsync(Server.BaseUri, DevToken, settings);
            Assert.AreEqual(0, wwwChanged.ExitCode, wwwChanged.Output);
            Assert.AreEqual(1, KeyUploads(), "the key on the service is found by its title, not uploaded again:\n" + wwwChanged.Output);
            StringAssert.Contains(wwwChanged.Output, "is on the service already");

            File.WriteAllText(keystore, "second keystore");
            var keystoreChanged = await sample.BuildAsync(Server.BaseUri, DevToken, settings);
            Assert.AreEqual(0, keystoreChanged.ExitCode, keystoreChanged.Output);
            Assert.AreEqual(2, KeyUploads(), "a changed keystore reruns the job and uploads a new key:\n" + keystoreChanged.Output);
            Assert.AreNotEqual(signing, await AndroidKeyOfAppAsync(Server, sample.CreatedAppId));
        }
        finally
        {
            Environment.SetEnvironmentVariable(passwordVariable, null);
        }
    }

    /// <summary>The title of the android key the app builds with, as the service answers it.</summary>
    private static async Task<string> AndroidKeyOfAppAsync(PgbServer server, string appId)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        using var app = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/apps/{appId}?auth_token={DevToken}"));
        return app.RootElement.GetProperty("keys").GetProperty("android").GetProperty("title").GetString() ?? string.Empty;
    }
}
