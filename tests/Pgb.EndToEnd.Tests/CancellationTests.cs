namespace Pgb.EndToEnd.Tests;

[TestClass]
public sealed class CancellationTests : SampleBuildTest
{
    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)] // SIGINT; Windows delivers Ctrl+C to a console group instead
    public async Task CtrlC_WhileWaitingForTheBuilds_EndsDotnetBuildPromptlyWithPGB0001()
    {
        var sample = await StartAsync(TimeSpan.FromMinutes(30));
        using var build = sample.StartBuild(Server.BaseUri, DevToken);

        await build.WaitForLineAsync("android pending", TimeSpan.FromMinutes(3));
        await build.InterruptAsync();
        var exitCode = await build.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.IsNotNull(exitCode, "dotnet build went on waiting for the 30-minute builds after Ctrl+C:\n" + build.Output);
        Assert.AreNotEqual(0, exitCode, build.Output);
        StringAssert.Contains(build.Output, "error PGB0001", "the wait reports the cancellation as such");
        Assert.DoesNotContain("MSB4018", build.Output, "no 'task failed unexpectedly'");
        Assert.DoesNotContain("   at ", build.Output, "no stack trace");
        Assert.IsFalse(File.Exists(Path.Combine(sample.Directory, "obj", "Debug", "net10.0", "pgb", "artifacts.tsv")), "a canceled run must not look up to date");
    }
}
