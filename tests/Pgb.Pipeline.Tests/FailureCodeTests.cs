using System.Net;
using Pgb.Client;
using Pgb.Testing;

namespace Pgb.Pipeline.Tests;

/// <summary>Each way a request can fail has its own code, and the message names the host that failed (a storage host too).</summary>
[TestClass]
public sealed class FailureCodeTests
{
    private static readonly Uri Storage = new("http://storage.example:8080/s/5/app.apk");

    private static PgbPipelineException Translate(PgbRequestFailedException failure, int? appId = 5)
    {
        using var client = PipelineFactory.CreateClient(new FakeHandler());
        return PipelineFactory.CreatePipeline(client).Translate("Downloading the android package of app #5", failure, appId);
    }

    private static PgbRequestFailedException Failure(PgbFailureKind kind, string message, Uri? url = null, int status = 0) =>
        new(status, message, "GET", (url ?? Storage).ToString(), kind);

    [TestMethod]
    [DataRow(PgbFailureKind.Unreachable, "PGB2001")]
    [DataRow(PgbFailureKind.NoAnswer, "PGB2001")]
    [DataRow(PgbFailureKind.TimedOut, "PGB2002")]
    [DataRow(PgbFailureKind.Interrupted, "PGB2003")]
    [DataRow(PgbFailureKind.InvalidPackage, "PGB2004")]
    [DataRow(PgbFailureKind.UnexpectedAnswer, "PGB2000")]
    public void EachKindOfFailure_HasItsOwnCode_AndNamesTheStorageHost(PgbFailureKind kind, string code)
    {
        var ex = Translate(Failure(kind, "the details", status: kind is PgbFailureKind.InvalidPackage or PgbFailureKind.UnexpectedAnswer ? 200 : 0));

        Assert.AreEqual(code, ex.Code);
        Assert.Contains("storage.example:8080", ex.Message);
        Assert.Contains("the details", ex.Message);
    }

    [TestMethod]
    public void ATimeoutOfTheApi_NamesTheServerUrl_AndTheSettingThatRaisesTheLimit()
    {
        var ex = Translate(Failure(PgbFailureKind.TimedOut, "nothing for 60 s", new Uri(PipelineFactory.Server, "api/v1/apps/5")));

        Assert.AreEqual(PgbErrorCodes.ServerTimedOut, ex.Code);
        Assert.Contains(PipelineFactory.Server.ToString(), ex.Message);
        Assert.Contains("PgbRequestTimeoutSeconds", ex.Message);
        Assert.Contains("--request-timeout", ex.Message);
    }

    [TestMethod]
    public async Task Download_OfAnApkThatIsAnHtmlPage_FailsWithPGB2004_AndKeepsNothing()
    {
        using var temp = new TempDirectory();
        var handler = new FakeHandler()
            .Enqueue(FakeHandler.Json(HttpStatusCode.Found, """{"location":"http://storage.example/s/5/app.apk"}"""))
            .Enqueue(FakeHandler.Html(HttpStatusCode.OK, "<html><title>Captive portal</title></html>"));
        using var client = PipelineFactory.CreateClient(handler);
        var app = new Pgb.Client.Models.PgbApp { Id = 5, Status = { ["android"] = "complete" } };

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.CreatePipeline(client).DownloadAsync(app, ["android"], temp.Path, "app"));

        Assert.AreEqual(PgbErrorCodes.PackageInvalid, ex.Code);
        Assert.Contains("storage.example", ex.Message);
        Assert.IsEmpty(temp.ListFiles());
    }

    [TestMethod]
    public async Task Wait_WhenTheServerNeverAnswers_FailsWithPGB2002WithinItsBound()
    {
        var handler = new StallingHandler();
        var options = new PgbClientOptions { Handler = handler, RequestTimeout = TimeSpan.FromSeconds(0.1) };
        options.Retry.Delay = TimeSpan.Zero;
        using var client = new PgbClient(PipelineFactory.Server, PgbCredential.FromToken(PipelineFactory.Token), options);

        var ex = await Assert.ThrowsExactlyAsync<PgbPipelineException>(
            () => PipelineFactory.CreatePipeline(client).WaitForCompletionAsync(5, ["android"], new PgbWaitOptions()).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.AreEqual(PgbErrorCodes.ServerTimedOut, ex.Code);
        Assert.Contains("build.example", ex.Message);
        Assert.DoesNotContain(PipelineFactory.Token, ex.ToString());
    }

    /// <summary>Accepts every request and never answers.</summary>
    private sealed class StallingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
