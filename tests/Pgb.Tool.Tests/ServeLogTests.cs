namespace Pgb.Tool.Tests;

[TestClass]
public sealed class ServeLogTests
{
    [TestMethod]
    public void OneLine_OfAFailedRequestsEntry_KeepsTheMessageAndDropsTheStackTrace()
    {
        var entry = "PUT /api/v1/apps/1 failed: System.InvalidOperationException: boom" + Environment.NewLine + "   at Pgb.Server.Handlers.AppHandlers.Update()";

        Assert.AreEqual("PUT /api/v1/apps/1 failed: System.InvalidOperationException: boom", ServeLog.OneLine(entry));
    }

    [TestMethod]
    public void OneLine_OfARequestLine_IsThatLine() =>
        Assert.AreEqual("GET /api/v1/me 200 3ms", ServeLog.OneLine("GET /api/v1/me 200 3ms"));

    [TestMethod]
    public async Task Serve_Verbose_NeverPrintsTheSecretsOfItsUsers_EvenWhereNoUrlRedactionLooks()
    {
        const string token = "ann-token-0001a";
        const string password = "ann-password-77";
        using var stop = new CancellationTokenSource();
        var stdout = new LineWriter();
        var stderr = new LineWriter();
        var running = Program.RunAsync(["serve", "--port", "0", "--verbose", "--user", $"ann:ann@example.com:{password}:{token}"], stdout, stderr, stop.Token);
        var line = await stdout.FirstLine.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            using var http = new HttpClient();
            using var answer = await http.GetAsync(new Uri(line["Listening on ".Length..] + $"/echo/{token}/{password}"));
            Assert.AreEqual(HttpStatusCode.NotFound, answer.StatusCode);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.AreEqual(ExitCodes.Success, await running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("/echo/", stderr.ToString(), "the request is logged");
        Assert.DoesNotContain(token, stderr.ToString() + stdout.ToString());
        Assert.DoesNotContain(password, stderr.ToString() + stdout.ToString());
    }
}
