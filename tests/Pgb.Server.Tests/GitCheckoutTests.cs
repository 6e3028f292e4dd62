using Pgb.Server.Build;
using Pgb.Server.Inspection;

namespace Pgb.Server.Tests;

/// <summary>GitCheckout on its own: the budgets and the time limit of a fetch, and how git is run (no way to prompt for
/// credentials). A few use a stand-in for git, a shell script, so they run where /bin/sh does.</summary>
[TestClass]
public sealed class GitCheckoutTests
{
    private static readonly GitSettings FileOnly = new() { Protocols = ["file"] };

    [TestMethod]
    public async Task Checkout_WithMoreFilesThanTheBudget_Fails_NamingTheLimit()
    {
        using var repository = await GitRepository.CreateAsync([.. Enumerable.Range(0, 30).Select(i => ($"f{i}.js", "x")), ("index.html", "x")]);

        var result = await GitCheckout.RunAsync(repository.Url, null, FileOnly, InspectionLimits.Default with { MaxEntries = 20 }, CancellationToken.None);

        Assert.IsNull(result.Source);
        Assert.AreEqual("the repository's checkout holds more than 20 entries", result.Error);
    }

    [TestMethod]
    public async Task Checkout_LargerThanTheBudget_Fails_NamingTheLimit()
    {
        using var repository = await GitRepository.CreateAsync(("index.html", "x"), ("big.txt", new string('x', 200_000)));

        var result = await GitCheckout.RunAsync(repository.Url, null, FileOnly, InspectionLimits.Default with { MaxInflatedBytes = 100_000 }, CancellationToken.None);

        Assert.IsNull(result.Source);
        StringAssert.StartsWith(result.Error, "the repository's checkout inflates to more than ");
    }

    [TestMethod]
    public async Task Checkout_OfAWww_IsAnArchiveOfEverythingButGit_WithItsCommit()
    {
        using var repository = await GitRepository.CreateAsync(("index.html", "<p>x</p>"), ("config.xml", Zips.ConfigXml("Checked Out")));
        var commit = await repository.CommitAsync();

        var result = await GitCheckout.RunAsync(repository.Url, null, FileOnly, InspectionLimits.Default, CancellationToken.None);

        Assert.IsNull(result.Error);
        Assert.AreEqual(commit, result.Commit);
        Assert.AreEqual("Checked Out", result.Info?.Config?.Name);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(result.Source!));
        CollectionAssert.AreEqual(new[] { "config.xml", "index.html" }, zip.Entries.Select(e => e.FullName).ToArray());
    }

    [TestMethod]
    public async Task Checkout_ThatOutlivesItsTimeLimit_IsStopped_AndFailsSayingSo()
    {
        using var git = StandInGit("sleep 60");

        var result = await GitCheckout.RunAsync("file:///nowhere", null, FileOnly with { Executable = git.Path, CloneTimeout = TimeSpan.FromMilliseconds(500) },
            InspectionLimits.Default, CancellationToken.None);

        Assert.AreEqual("git clone file:///nowhere did not finish within 0.5 s", result.Error);
    }

    [TestMethod]
    public async Task Git_RunsWithoutAnyWayToAskForCredentials()
    {
        using var git = StandInGit("echo \"fatal: prompt=$GIT_TERMINAL_PROMPT askpass=[$GIT_ASKPASS$SSH_ASKPASS] ssh=$GIT_SSH_COMMAND protocols=$GIT_ALLOW_PROTOCOL args=$*\" >&2; exit 128");

        var result = await GitCheckout.RunAsync("file:///nowhere", "v1", FileOnly with { Executable = git.Path }, InspectionLimits.Default, CancellationToken.None);

        StringAssert.StartsWith(result.Error, "git clone failed: fatal: prompt=0 askpass=[] ssh=ssh -o BatchMode=yes protocols=file args=");
        StringAssert.Contains(result.Error, "-c credential.helper= -c core.askPass= -c core.symlinks=false");
        StringAssert.Contains(result.Error, "clone --depth 1 --single-branch --no-tags --quiet --branch v1 -- file:///nowhere ");
    }

    [TestMethod]
    [DataRow("fatal: unable to access 'https://ann:s3cret@example.com/app.git/': 403", "fatal: unable to access 'https://***@example.com/app.git/': 403")]
    [DataRow("fatal: could not read from ssh://git:s3cret@host/x", "fatal: could not read from ssh://git:***@host/x")]
    [DataRow("fatal: repository 'file:///tmp/x' does not exist", "fatal: repository 'file:///tmp/x' does not exist")]
    public void Redact_MasksCredentialsInUrls(string text, string redacted) => Assert.AreEqual(redacted, RepoUrls.Redact(text));

    /// <summary>An executable script standing in for git (the test is inconclusive where there is no /bin/sh).</summary>
    private static StandIn StandInGit(string body)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("the stand-in for git is a shell script");
        }

        var folder = new TempDirectory();
        var path = folder.WriteFile("git", "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new StandIn(folder, path);
    }

    private sealed class StandIn(TempDirectory folder, string path) : IDisposable
    {
        public string Path { get; } = path;

        public void Dispose() => folder.Dispose();
    }
}
