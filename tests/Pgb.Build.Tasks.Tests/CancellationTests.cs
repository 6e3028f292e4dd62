using System.Diagnostics;

namespace Pgb.Build.Tasks.Tests;

/// <summary>Ctrl+C in dotnet build calls ICancelableTask.Cancel: every task must stop at once, wherever it is.</summary>
[TestClass]
public sealed class CancellationTests : TaskTestBase
{
    [TestMethod]
    public async Task Upload_WhenCanceledDuringTheRequest_EndsPromptlyWithPGB0001()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var archive = Path.Combine(Temp, "app.zip");
        File.WriteAllBytes(archive, [1, 2, 3]);
        var sent = new TaskCompletionSource();
        var handler = new CancelAwareHandler(async (_, token) =>
        {
            sent.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            throw new UnreachableException();
        });
        var engine = new MockEngine();
        var task = OnFakeServer(new PgbUpload { AppId = "7", Archive = archive }, engine, handler);

        await AssertCancelEndsPromptlyAsync(task, engine, sent.Task, TimeSpan.Zero);
    }

    [TestMethod]
    public async Task QueueBuild_WhenCanceledWhileWaitingToRetry_EndsPromptlyWithPGB0001()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        var answered = new TaskCompletionSource();
        var handler = new CancelAwareHandler((_, _) =>
        {
            // 503 with Retry-After: the client waits an hour before trying again, unless canceled.
            var busy = FakeHandler.Json(HttpStatusCode.ServiceUnavailable, """{"error":"busy"}""");
            busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromHours(1));
            answered.TrySetResult();
            return Task.FromResult(busy);
        });
        var engine = new MockEngine();
        // Limits that let the hour's wait happen: only the cancellation can end it within the test's bound.
        var task = OnFakeServer(new PgbQueueBuild { AppId = "7", Platforms = "android" }, engine, handler, options =>
        {
            options.RequestTimeout = TimeSpan.FromHours(1);
            options.Retry.MaxDelay = TimeSpan.FromHours(1);
        });

        await AssertCancelEndsPromptlyAsync(task, engine, answered.Task, TimeSpan.FromMilliseconds(100));
    }

    [TestMethod]
    public void Download_WhenCanceledBetweenTwoRequests_StopsWithPGB0001AndLeavesNoManifest()
    {
        Environment.SetEnvironmentVariable(TokenVariable, "t");
        PgbDownload? task = null;
        var handler = new CancelAwareHandler((request, _) =>
        {
            // Ctrl+C arrives just as the app's status comes back: the downloads must not start.
            task!.Cancel();
            return Task.FromResult(FakeHandler.Json(HttpStatusCode.OK, """
                {"id":7,"version":"1.0.0","status":{"android":"complete"},"download":{"android":"/api/v1/apps/7/android"},"error":{}}
                """));
        });
        var engine = new MockEngine();
        var manifest = Path.Combine(Temp, "obj", "artifacts.tsv");
        var output = Path.Combine(Temp, "out");
        task = OnFakeServer(new PgbDownload { AppId = "7", Platforms = "android", OutputDirectory = output, ArtifactName = "MyApp", ManifestFile = manifest }, engine, handler);

        Assert.IsFalse(task.Execute());

        AssertSingleError(engine, "PGB0001");
        Assert.IsFalse(File.Exists(manifest), "a canceled run must not look up to date");
        Assert.IsFalse(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), "nothing is downloaded after Ctrl+C");
    }

    /// <summary>
    /// Cancels <paramref name="task"/> once it got to <paramref name="reached"/> (and <paramref name="settle"/> later,
    /// whatever it was doing then) and expects it to end with PGB0001 within a bound far shorter than what the step
    /// would otherwise take (an upload that never ends, a retry an hour away): only the cancellation can end it in time.
    /// </summary>
    private static async Task AssertCancelEndsPromptlyAsync(PgbTask task, MockEngine engine, Task reached, TimeSpan settle)
    {
        var execution = Task.Run(task.Execute);
        await reached.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(settle);
        task.Cancel();
        var result = await execution.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsFalse(result);
        AssertSingleError(engine, "PGB0001");
    }
}
