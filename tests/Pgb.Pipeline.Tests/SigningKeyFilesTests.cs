using System.Net;

namespace Pgb.Pipeline.Tests;

/// <summary>
/// <see cref="PgbPipeline.UseSigningKeysAsync"/> with a key given by its files (<see cref="PgbSigningKey.Files"/>):
/// found on the service by its content title, or uploaded, then selected.
/// </summary>
[TestClass]
public sealed class SigningKeyFilesTests
{
    private const string Password = "k3y-pw";

    private readonly TempDirectory _temp = new();

    [TestCleanup]
    public void Cleanup() => _temp.Dispose();

    private static FakeHandler Service(string? existingTitle) => new(request =>
    {
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

    private PgbSigningKey KeyByFiles()
    {
        var keystore = Path.Combine(_temp.Path, "release.keystore");
        File.WriteAllText(keystore, "keystore-bytes");
        return new PgbSigningKey
        {
            Platform = "android",
            KeyPassword = Password,
            KeystorePassword = Password,
            Files = PgbKeyFiles.Android("MyApp", keystore, "release", Password, Password),
        };
    }

    private static string[] Lines(FakeHandler handler) => [.. handler.Requests.Select(r => r.Method + " " + r.Uri.AbsolutePath)];

    [TestMethod]
    public async Task UseSigningKeys_WithFilesTheServiceDoesNotHave_UploadsThem_AndSelectsTheNewKeyWithoutUnlockingIt()
    {
        var handler = Service(existingTitle: null);
        using var client = PipelineFactory.CreateClient(handler);

        await PipelineFactory.CreatePipeline(client).UseSigningKeysAsync(7, [KeyByFiles()]);

        CollectionAssert.AreEqual(new[] { "GET /api/v1/keys/android", "POST /api/v1/keys/android", "PUT /api/v1/apps/7" }, Lines(handler));
        StringAssert.Contains(Uri.UnescapeDataString(handler.Requests[2].BodyText), "\"keys\":{\"android\":31}");
    }

    [TestMethod]
    public async Task UseSigningKeys_WithFilesTheServiceHasUnderTheirTitle_UnlocksThatKey_AndSelectsIt()
    {
        var key = KeyByFiles();
        var handler = Service(existingTitle: key.Files!.Title);
        using var client = PipelineFactory.CreateClient(handler);

        await PipelineFactory.CreatePipeline(client).UseSigningKeysAsync(7, [key]);

        CollectionAssert.AreEqual(new[] { "GET /api/v1/keys/android", "PUT /api/v1/keys/android/12", "PUT /api/v1/apps/7" }, Lines(handler));
        StringAssert.Contains(Uri.UnescapeDataString(handler.Requests[1].BodyText), $"\"keystore_pw\":\"{Password}\"");
        StringAssert.Contains(Uri.UnescapeDataString(handler.Requests[2].BodyText), "\"keys\":{\"android\":12}");
    }
}
