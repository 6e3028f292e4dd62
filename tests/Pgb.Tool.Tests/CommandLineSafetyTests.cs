using System.Reflection;

namespace Pgb.Tool.Tests;

/// <summary>The tool's own failure paths: arguments, secrets typed by mistake, codes and their docs, stopping.</summary>
[TestClass]
public sealed partial class CommandLineSafetyTests
{
    [GeneratedRegex(@"\|\s*(PGB\d{4})\s*\|")]
    private static partial Regex DocumentedCode();

    [TestMethod]
    public async Task UnknownOptionWithAOneLetterValue_LeavesTheRestOfTheMessageAlone()
    {
        var run = await ToolRun.RunAsync("build", "--platforms", "android", "--out", "out", "--flavour", "a");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains("Unrecognized command or argument '--flavour'", run.Stderr);
        Assert.Contains("'***'", run.Stderr);
    }

    [TestMethod]
    public async Task UnknownCommand_IsStillNamed()
    {
        var run = await ToolRun.RunAsync("biuld");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains("'biuld'", run.Stderr, "a typo is shown: nothing precedes it that would make it a value");
    }

    [TestMethod]
    public void ErrorsDoc_ListsEveryCodeOfTheSource_AndNothingElse()
    {
        var inSource = new[] { typeof(PgbErrorCodes), typeof(ToolErrorCodes) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet();
        var documented = DocumentedCode().Matches(File.ReadAllText(RepositoryFiles.Path("docs", "errors.md")))
            .Select(m => m.Groups[1].Value)
            .ToHashSet();

        CollectionAssert.AreEquivalent(inSource.Order().ToList(), documented.Order().ToList());
        // Each is classed by its first digit; only PGB0000 means "a bug".
        foreach (var code in inSource)
        {
            Assert.IsTrue(code == PgbErrorCodes.Unexpected || ExitCodes.ForErrorCode(code) != ExitCodes.Unexpected, code);
        }
    }

    [TestMethod]
    public void Failure_ForACancellationNobodyAskedFor_IsUnexpectedNotCanceled()
    {
        // A timeout that escaped as OperationCanceledException must not tell scripts the user pressed Ctrl+C.
        var failure = ToolFailure.From(new TaskCanceledException("A task was canceled."), CancellationToken.None);

        Assert.AreEqual(PgbErrorCodes.Unexpected, failure.Code);
        Assert.AreEqual(ExitCodes.Unexpected, ExitCodes.ForErrorCode(failure.Code));
    }

    [TestMethod]
    public void Failure_AfterTheUserCanceled_IsCanceled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var failure = ToolFailure.From(new IOException("the socket closed"), cancel.Token);

        Assert.AreEqual(PgbErrorCodes.Canceled, failure.Code);
    }

    [TestMethod]
    public async Task ServerStart_ThatNeverCompletes_FailsWithPGB4010AfterItsTimeLimit()
    {
        var never = new TaskCompletionSource<PgbServer>();

        var ex = await Assert.ThrowsExactlyAsync<PgbToolException>(
            () => ServerStarter.StartAsync(_ => never.Task, port: 0, TimeSpan.FromMilliseconds(200), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.AreEqual(ToolErrorCodes.ServerStartFailed, ex.Code);
        Assert.Contains("did not start within", ex.Message);
    }

    [TestMethod]
    public async Task ServerStart_WhenTheUserCancels_StopsAtOnce()
    {
        var never = new TaskCompletionSource<PgbServer>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAsync<OperationCanceledException>(
            () => ServerStarter.StartAsync(_ => never.Task, port: 0, TimeSpan.FromMinutes(5), cancel.Token).WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [TestMethod]
    public async Task Stopping_ACommandThatIgnoresCancellation_EndsAfterTheGracePeriodWith130()
    {
        using var cancel = new CancellationTokenSource();
        var stderr = new StringWriter();
        var stuck = new TaskCompletionSource<int>();

        var stopping = Program.RunUntilStoppedAsync(_ => stuck.Task, new ToolConsole(new StringWriter(), stderr, json: false), TimeSpan.FromMilliseconds(300), cancel.Token);
        await Task.Delay(100);
        Assert.IsFalse(stopping.IsCompleted, "no cancellation, no deadline");
        await cancel.CancelAsync();
        var exitCode = await stopping.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.AreEqual(ExitCodes.Canceled, exitCode);
        Assert.Contains("pgb: error PGB0001:", stderr.ToString());
    }

    [TestMethod]
    public async Task Stopping_ACommandThatStopsInTime_KeepsItsExitCode()
    {
        using var cancel = new CancellationTokenSource();
        var stderr = new StringWriter();

        var stopping = Program.RunUntilStoppedAsync(async token =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Success;
        }, new ToolConsole(new StringWriter(), stderr, json: false), TimeSpan.FromSeconds(20), cancel.Token);
        await cancel.CancelAsync();

        Assert.AreEqual(ExitCodes.Success, await stopping.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.AreEqual(string.Empty, stderr.ToString());
    }

    [TestMethod]
    public async Task Serve_CanceledBeforeItIsReady_StopsWithZeroLikeAnyOtherStop()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var stdout = new LineWriter();
        var stderr = new LineWriter();

        var exitCode = await Program.RunAsync(["serve", "--port", "0"], stdout, stderr, cancel.Token).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.AreEqual(ExitCodes.Success, exitCode, stderr.ToString());
        Assert.DoesNotContain("error", stderr.ToString());
    }
}
