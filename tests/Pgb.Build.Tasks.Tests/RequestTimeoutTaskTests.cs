namespace Pgb.Build.Tasks.Tests;

/// <summary><c>PgbRequestTimeoutSeconds</c>: checked with the other settings, and the bound every service task waits within.</summary>
[TestClass]
public sealed class RequestTimeoutTaskTests : TaskTestBase
{
    [TestMethod]
    [DataRow("soon")]
    [DataRow("0")]
    [DataRow("-5")]
    public void ValidateSettings_WithABadRequestTimeout_LogsPGB1008NamingTheProperty(string value)
    {
        var engine = new MockEngine();
        Directory.CreateDirectory(Path.Combine(Temp, "www"));
        File.WriteAllText(Path.Combine(Temp, "www", "index.html"), "<html></html>");
        var task = new PgbValidateSettings
        {
            BuildEngine = engine,
            ProjectFile = UserProject,
            ServerUrl = "http://127.0.0.1:5000",
            AppId = "7",
            Platforms = "android",
            WwwDirectory = Path.Combine(Temp, "www"),
            RequestTimeoutSeconds = value,
        };

        Assert.IsFalse(task.Execute());

        AssertSingleError(engine, PgbErrorCodes.TimingInvalid);
        Assert.Contains("PgbRequestTimeoutSeconds", engine.Errors[0].Message!);
    }

    [TestMethod]
    public void WaitSettings_WithoutARequestTimeout_UsesTheDefaultOfPgbWaitOptions()
    {
        Assert.AreEqual(TimeSpan.FromSeconds(PgbWaitOptions.DefaultRequestTimeoutSeconds), WaitSettings.RequestTimeout(null));
        Assert.AreEqual(TimeSpan.FromSeconds(PgbWaitOptions.DefaultRequestTimeoutSeconds), WaitSettings.RequestTimeout(""));
        Assert.AreEqual(TimeSpan.FromSeconds(2.5), WaitSettings.RequestTimeout("2.5"));
    }

    [TestMethod]
    public async Task WaitForBuild_AgainstAServerThatNeverAnswers_FailsWithPGB2002WithinItsRequestTimeouts()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var engine = new MockEngine();
        var task = OnFakeServer(new PgbWaitForBuild { AppId = "7", Platforms = "android", RequestTimeoutSeconds = "0.1" }, engine, new SilentHandler());

        var finished = await Task.Run(task.Execute).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsFalse(finished);
        AssertSingleError(engine, PgbErrorCodes.ServerTimedOut);
        Assert.Contains("127.0.0.1:1", engine.Errors[0].Message!);
    }

    /// <summary>Accepts every request and never answers.</summary>
    private sealed class SilentHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
