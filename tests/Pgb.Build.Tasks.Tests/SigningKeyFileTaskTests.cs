namespace Pgb.Build.Tasks.Tests;

/// <summary>Keys given by their files (PgbAndroidKeystore, PgbIosCertificate...): checked, uploaded once, found again by title.</summary>
[TestClass]
public sealed class SigningKeyFileTaskTests : TaskTestBase
{
    private const string Password = "k3ystore-pa55-7e1f";

    private string PasswordVariable { get; } = "PGB_TEST_KEYFILE_PW_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [TestCleanup]
    public void ClearPassword() => Environment.SetEnvironmentVariable(PasswordVariable, null);

    private string Keystore(string contents = "keystore-bytes")
    {
        var path = Path.Combine(Temp, "release.keystore");
        File.WriteAllText(path, contents);
        return path;
    }

    private PgbUseSigningKeys Task(MockEngine engine, FakeHandler handler) =>
        OnFakeServer(new PgbUseSigningKeys { AppId = "7", AppTitle = "MyApp" }, engine, handler, NoRetries);

    /// <summary>The task with an android keystore (alias "release") whose passwords are in <see cref="PasswordVariable"/>.</summary>
    private PgbUseSigningKeys KeystoreTask(MockEngine engine, FakeHandler handler, string keystore)
    {
        var task = Task(engine, handler);
        task.AndroidKeystore = keystore;
        task.AndroidKeyAlias = "release";
        task.AndroidKeyPasswordVariable = PasswordVariable;
        task.AndroidKeystorePasswordVariable = PasswordVariable;
        return task;
    }

    /// <summary>Answers the android key listing with <paramref name="existingTitle"/> (key 12) when set, an upload with key 31.</summary>
    private static FakeHandler Service(List<string> bodies, string? existingTitle = null) => new(request =>
    {
        lock (bodies)
        {
            bodies.Add(request.BodyText);
        }

        var listing = existingTitle is null ? "[]" : $$"""[{"id":12,"title":"{{existingTitle}}","locked":true}]""";
        return (request.Method.Method, request.Uri.AbsolutePath) switch
        {
            ("GET", "/api/v1/keys/android") => FakeHandler.Json(HttpStatusCode.OK, $$"""{"keys":{{listing}}}"""),
            ("POST", "/api/v1/keys/android") => FakeHandler.Json(HttpStatusCode.Created, """{"id":31,"title":"t","locked":false}"""),
            ("PUT", "/api/v1/keys/android/12") => FakeHandler.Json(HttpStatusCode.OK, """{"id":12,"locked":false}"""),
            ("PUT", "/api/v1/apps/7") => FakeHandler.Json(HttpStatusCode.OK, """{"id":7}"""),
            _ => FakeHandler.Json(HttpStatusCode.NotFound, """{"error":"nope"}"""),
        };
    });

    [TestMethod]
    public void UseSigningKeys_WithAKeystoreTheServiceDoesNotHave_UploadsItUnlocked_ThenSelectsIt_WithoutASecondUnlock()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        Environment.SetEnvironmentVariable(PasswordVariable, Password);
        var bodies = new List<string>();
        var handler = Service(bodies);
        var engine = new MockEngine();
        var task = KeystoreTask(engine, handler, Keystore());

        Assert.IsTrue(task.Execute(), engine.AllText());

        CollectionAssert.AreEqual(
            new[] { "GET /api/v1/keys/android?auth_token=t", "POST /api/v1/keys/android?auth_token=t", "PUT /api/v1/apps/7?auth_token=t" },
            handler.Requests.Select(r => r.Line).ToList());
        var data = Uri.UnescapeDataString(bodies[1]);
        StringAssert.Matches(data, new System.Text.RegularExpressions.Regex("\"title\":\"MyApp android [0-9a-f]{12}\""));
        StringAssert.Contains(data, "\"alias\":\"release\"");
        StringAssert.Contains(data, $"\"key_pw\":\"{Password}\"");
        StringAssert.Contains(data, "keystore-bytes", "the keystore is a part of the upload");
        StringAssert.Contains(Uri.UnescapeDataString(bodies[2]), "\"keys\":{\"android\":31}");
        StringAssert.Contains(engine.AllText(), "Uploaded the android key \"MyApp android ");
        Assert.DoesNotContain(Password, engine.AllText(), "a password never reaches the build log");
    }

    [TestMethod]
    public void UseSigningKeys_WhenTheServiceHasAKeyWithTheContentTitle_UnlocksAndSelectsIt_WithoutUploading()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        Environment.SetEnvironmentVariable(PasswordVariable, Password);
        var keystore = Keystore();
        var title = Pgb.Pipeline.PgbKeyFiles.ContentTitle("MyApp", "android", "release", keystore);
        var bodies = new List<string>();
        var handler = Service(bodies, existingTitle: title);
        var engine = new MockEngine();
        var task = KeystoreTask(engine, handler, keystore);

        Assert.IsTrue(task.Execute(), engine.AllText());

        CollectionAssert.AreEqual(
            new[] { "GET /api/v1/keys/android?auth_token=t", "PUT /api/v1/keys/android/12?auth_token=t", "PUT /api/v1/apps/7?auth_token=t" },
            handler.Requests.Select(r => r.Line).ToList());
        StringAssert.Contains(Uri.UnescapeDataString(bodies[1]), $"\"keystore_pw\":\"{Password}\"", "a key found may be locked: it is unlocked");
        StringAssert.Contains(Uri.UnescapeDataString(bodies[2]), "\"keys\":{\"android\":12}");
        StringAssert.Contains(engine.AllText(), $"The android key \"{title}\" is on the service already: key #12");
    }

    [TestMethod]
    public void UseSigningKeys_WhenTheKeystoreChanged_UploadsANewKey_InsteadOfReusingTheOldTitle()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var oldTitle = Pgb.Pipeline.PgbKeyFiles.ContentTitle("MyApp", "android", "release", Keystore("old keystore"));
        var bodies = new List<string>();
        var handler = Service(bodies, existingTitle: oldTitle);
        var engine = new MockEngine();
        var task = Task(engine, handler);
        task.AndroidKeystore = Keystore("new keystore");
        task.AndroidKeyAlias = "release";

        Assert.IsTrue(task.Execute(), engine.AllText());

        Assert.AreEqual("POST /api/v1/keys/android?auth_token=t", handler.Requests[1].Line, engine.AllText());
        Assert.DoesNotContain(oldTitle, Uri.UnescapeDataString(bodies[1]));
    }

    [TestMethod]
    [DataRow("keystore", "", "", "", "", "PGB1021", "PgbAndroidKeystore is set but PgbAndroidKeyAlias is not")]
    [DataRow("", "release", "", "", "", "PGB1021", "PgbAndroidKeyAlias is set but PgbAndroidKeystore is not")]
    [DataRow("keystore", "release", "12", "", "", "PGB1022", "PgbAndroidKeyId and PgbAndroidKeystore are both set")]
    [DataRow("missing", "release", "", "", "", "PGB1019", "PgbAndroidKeystore is '")]
    [DataRow("", "", "", "cert", "", "PGB1021", "PgbIosCertificate is set but PgbIosProfile is not")]
    [DataRow("", "", "", "", "profile", "PGB1021", "PgbIosProfile is set but PgbIosCertificate is not")]
    public void ValidateSettings_WithInconsistentKeyFiles_LogsTheCodeAgainstTheProject(string keystore, string alias, string keyId, string certificate, string profile, string code, string message)
    {
        string? FileNamed(string name) => name switch
        {
            "" => null,
            "missing" => Path.Combine(Temp, "missing.keystore"),
            _ => WriteFile(name),
        };
        Directory.CreateDirectory(Path.Combine(Temp, "www"));
        File.WriteAllText(Path.Combine(Temp, "www", "index.html"), "<html></html>");
        var engine = new MockEngine();
        var task = new PgbValidateSettings
        {
            BuildEngine = engine,
            ProjectFile = UserProject,
            ServerUrl = "http://127.0.0.1:1",
            WwwDirectory = Path.Combine(Temp, "www"),
            AppId = "7",
            Platforms = "android;ios",
            AndroidKeystore = FileNamed(keystore),
            AndroidKeyAlias = alias,
            AndroidKeyId = keyId,
            IosCertificate = FileNamed(certificate),
            IosProfile = FileNamed(profile),
        };

        Assert.IsFalse(task.Execute());

        AssertSingleError(engine, code);
        StringAssert.Contains(engine.Errors[0].Message, message);
    }

    [TestMethod]
    public void UseSigningKeys_WithAKeystoreAndAKeyId_FailsWithPGB1022BeforeAnyRequest()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.OK, "{}"));
        var engine = new MockEngine();
        var task = Task(engine, handler);
        task.AndroidKeystore = Keystore();
        task.AndroidKeyAlias = "release";
        task.AndroidKeyId = "12";

        AssertFailsBeforeAnyRequest(task, engine, handler, "PGB1022");
    }

    private string WriteFile(string name)
    {
        var path = Path.Combine(Temp, name);
        File.WriteAllText(path, name);
        return path;
    }
}
