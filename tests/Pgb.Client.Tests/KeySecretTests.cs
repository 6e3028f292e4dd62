namespace Pgb.Client.Tests;

/// <summary>Key passwords are secrets: never in an exception, an option's ToString() or its JSON, whatever the server echoes.</summary>
[TestClass]
public sealed class KeySecretTests
{
    /// <summary>A quote, a space and URL syntax, so the JSON-escaped, percent- and form-encoded forms all differ from the raw one.</summary>
    private const string Password = "Sw0rdf1sh \"q\"+/&=";

    /// <summary>In every form the password takes, this part survives: its absence shows none leaked.</summary>
    private const string Marker = "Sw0rdf1sh";

    private static void AssertNoPassword(Exception ex)
    {
        Assert.DoesNotContain(Marker, ex.Message);
        Assert.DoesNotContain(Marker, ex.ToString());
        if (ex is PgbRequestFailedException failed)
        {
            Assert.DoesNotContain(Marker, failed.ErrorMessage ?? string.Empty);
            Assert.DoesNotContain(Marker, failed.RequestUrl);
        }
    }

    [TestMethod]
    public async Task CreateKey_WhenServerEchoesThePasswordInItsError_MessageIsScrubbed()
    {
        using var temp = new TempDirectory();
        var keystore = temp.WriteFile("android.keystore", "k");
        // The raw password, and the data part as the server received it (JSON-escaped).
        var handler = new FakeHandler(r => FakeHandler.Json(HttpStatusCode.BadRequest,
            JsonConvert.SerializeObject(new { error = "wrong password " + Password + " in " + r.Parts[0].BodyText })));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.CreateKeyAsync(new PgbAndroidKeyOptions
        {
            Title = "K",
            KeystorePath = keystore,
            Alias = "release",
            KeyPassword = Password,
            KeystorePassword = Password + "2",
        }));

        Assert.AreEqual(400, ex.Status);
        StringAssert.StartsWith(ex.ErrorMessage, "wrong password ***");
        Assert.Contains("\"alias\":\"release\"", ex.ErrorMessage!, "only the secrets go, the rest of the echo stays");
        AssertNoPassword(ex);
    }

    [TestMethod]
    public async Task UnlockKey_WhenAnHtmlErrorPageEchoesTheFormEncodedBody_MessageIsScrubbed()
    {
        var handler = new FakeHandler(r => FakeHandler.Html(HttpStatusCode.InternalServerError, "<html><body><p>" + r.BodyText + "</p></body></html>"));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.UnlockKeyAsync("ios", 11, new PgbKeyUnlockOptions { Password = Password }));

        Assert.AreEqual(500, ex.Status);
        Assert.Contains("data=", ex.Message, "the echo is there, scrubbed");
        AssertNoPassword(ex);
    }

    [TestMethod]
    public async Task UnlockKey_WhenTheServerEchoesThePasswordsAsJsonAndPlainText_MessageIsScrubbed()
    {
        var handler = new FakeHandler(_ => FakeHandler.Json(HttpStatusCode.UnprocessableEntity,
            JsonConvert.SerializeObject(new { error = $"cannot unlock with {Password} / {Password}X" })));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() =>
            client.UnlockKeyAsync("android", 2, new PgbKeyUnlockOptions { KeyPassword = Password, KeystorePassword = Password + "X" }));

        Assert.AreEqual(422, ex.Status);
        AssertNoPassword(ex);
    }

    [TestMethod]
    public async Task KeyPasswords_StayRegistered_SoALaterCallsErrorIsScrubbedToo()
    {
        var handler = new FakeHandler()
            .Enqueue(FakeHandler.Json(HttpStatusCode.OK, SpecExamples.Read("key-unlock-blackberry")))
            .Enqueue(FakeHandler.Json(HttpStatusCode.OK, """{"error":"Keystore was tampered with, or password was incorrect: Sw0rdf1sh \"q\"+/&="}"""));
        using var client = TestClients.Create(handler);

        await client.UnlockKeyAsync("blackberry", 2, new PgbKeyUnlockOptions { Password = Password });
        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() => client.GetAppAsync(5));

        StringAssert.StartsWith(ex.ErrorMessage, "Keystore was tampered with");
        AssertNoPassword(ex);
    }

    [TestMethod]
    public async Task CreateKey_WhenNoAnswerArrives_MessageHasNoPassword()
    {
        using var temp = new TempDirectory();
        var cert = temp.WriteFile("c.p12", "p12");
        var profile = temp.WriteFile("p.mobileprovision", "prov");
        var handler = new FakeHandler(r => throw new HttpRequestException("connection reset while sending " + r.Parts[0].BodyText));
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(() =>
            client.CreateKeyAsync(new PgbIosKeyOptions { Title = "T", CertificatePath = cert, ProfilePath = profile, Password = Password }));

        Assert.AreEqual(0, ex.Status);
        // The client's own text only: the inner exception is the handler's, kept whole for debugging (as for the token).
        Assert.Contains("connection reset", ex.Message);
        Assert.DoesNotContain(Marker, ex.Message);
    }

    [TestMethod]
    public void KeyOptions_ToStringAndJson_NeverShowThePasswords()
    {
        object[] options =
        [
            new PgbIosKeyOptions { Title = "Dev", CertificatePath = "/keys/dev.p12", ProfilePath = "/keys/dev.mobileprovision", Password = Password },
            new PgbAndroidKeyOptions { Title = "Release", KeystorePath = "/keys/release.keystore", Alias = "release", KeyPassword = Password, KeystorePassword = Password },
            new PgbBlackBerryKeyOptions { Title = "BB", DbPath = "/keys/sigtool.db", CskPath = "/keys/sigtool.csk", Password = Password },
            new PgbKeyUnlockOptions { Password = Password, KeyPassword = Password, KeystorePassword = Password },
        ];

        foreach (var option in options)
        {
            var text = option.ToString()!;
            Assert.DoesNotContain(Marker, text);
            Assert.Contains("(redacted)", text, "says a password is set without showing it");
            Assert.DoesNotContain(Marker, JsonConvert.SerializeObject(option), "options serialized into a log");
        }

        StringAssert.Contains(options[0].ToString(), "dev.p12");
        StringAssert.Contains(options[1].ToString(), "alias release");
        StringAssert.Contains(new PgbIosKeyOptions { Title = "Dev" }.ToString(), "password not set");
    }
}
