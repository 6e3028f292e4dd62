namespace Pgb.Build.Tasks.Tests;

[TestClass]
public sealed class SigningKeyTaskTests : TaskTestBase
{
    private string PasswordVariable { get; } = "PGB_TEST_KEY_PW_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [TestCleanup]
    public void ClearPassword() => Environment.SetEnvironmentVariable(PasswordVariable, null);

    private PgbUseSigningKeys Task(MockEngine engine, FakeHandler handler) => OnFakeServer(new PgbUseSigningKeys { AppId = "7" }, engine, handler, NoRetries);

    [TestMethod]
    public void UseSigningKeys_UnlocksWithThePasswordFromTheVariable_ThenSelectsTheKey_AndNeverLogsThePassword()
    {
        const string password = "k3y-pa55word-9c1d";
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        Environment.SetEnvironmentVariable(PasswordVariable, password);
        var bodies = new List<string>();
        var handler = new FakeHandler(request =>
        {
            lock (bodies)
            {
                bodies.Add(Uri.UnescapeDataString(request.BodyText));
            }

            return request.Uri.AbsolutePath switch
            {
                "/api/v1/keys/android/12" => FakeHandler.Json(HttpStatusCode.OK, """{"id":12,"title":"Release","locked":false}"""),
                "/api/v1/apps/7" => FakeHandler.Json(HttpStatusCode.OK, """{"id":7,"keys":{"android":{"id":12,"title":"Release"}}}"""),
                _ => FakeHandler.Json(HttpStatusCode.NotFound, """{"error":"nope"}"""),
            };
        });
        var engine = new MockEngine();
        var task = Task(engine, handler);
        task.AndroidKeyId = "12";
        task.AndroidKeyPasswordVariable = PasswordVariable;
        task.AndroidKeystorePasswordVariable = PasswordVariable;

        Assert.IsTrue(task.Execute(), engine.AllText());

        CollectionAssert.AreEqual(new[] { "PUT /api/v1/keys/android/12?auth_token=t", "PUT /api/v1/apps/7?auth_token=t" }, handler.Requests.Select(r => r.Line).ToList());
        StringAssert.Contains(bodies[0], $"\"key_pw\":\"{password}\"");
        StringAssert.Contains(bodies[0], $"\"keystore_pw\":\"{password}\"");
        StringAssert.Contains(bodies[1], "\"keys\":{\"android\":12}");
        Assert.DoesNotContain(password, engine.AllText(), "a password never reaches the build log");
        StringAssert.Contains(engine.AllText(), "android key #12 (unlocked)");
    }

    [TestMethod]
    public void UseSigningKeys_WhenTheNamedPasswordVariableIsUnset_FailsWithPGB1016BeforeAnyRequest()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.OK, "{}"));
        var engine = new MockEngine();
        var task = Task(engine, handler);
        task.IosKeyId = "3";
        task.IosKeyPasswordVariable = PasswordVariable;

        AssertFailsBeforeAnyRequest(task, engine, handler, "PGB1016");
        StringAssert.Contains(engine.Errors[0].Message, PasswordVariable);
    }

    [TestMethod]
    public void UseSigningKeys_WithAKeyIdThatIsNotANumber_FailsWithPGB1015()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.OK, "{}"));
        var engine = new MockEngine();
        var task = Task(engine, handler);
        task.AndroidKeyId = "release";

        AssertFailsBeforeAnyRequest(task, engine, handler, "PGB1015");
    }

    [TestMethod]
    public void UseSigningKeys_WithoutPasswords_OnlySelectsTheKey()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.OK, """{"id":7}"""));
        var engine = new MockEngine();
        var task = Task(engine, handler);
        task.IosKeyId = "3";

        Assert.IsTrue(task.Execute(), engine.AllText());

        CollectionAssert.AreEqual(new[] { "PUT /api/v1/apps/7?auth_token=t" }, handler.Requests.Select(r => r.Line).ToList());
    }
}
