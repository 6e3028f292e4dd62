using Pgb.Testing;
using static Pgb.Tool.Tests.BuildToken;

namespace Pgb.Tool.Tests;

/// <summary>
/// The bad-input suite through <c>pgb build</c> (its real entry point, in-process): every local mistake and every way a
/// server answers badly (tests/Pgb.Testing's <see cref="BadServerCases"/>, against a <see cref="MisbehavingServer"/>)
/// ends with its PGB code, the exit code of the code's class, one error line with no stack trace and no token, and
/// nothing in the output folder, within a bound. Short timeouts keep it fast; a case that hangs fails on its bound.
/// </summary>
[TestClass]
public sealed class BadInputSuiteTests
{
    /// <summary>The longest any case may take: a hang fails it (the slowest cases wait out three 1 s request timeouts).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>A stack frame as .NET prints it.</summary>
    private static readonly Regex StackFrame = new(@"\bat [\w.`<>]+\.[\w<>`]+\(", RegexOptions.CultureInvariant);

    public static IEnumerable<object[]> ServerCases => BadServerCases.Rows;

    public static IEnumerable<object[]> LocalCases => LocalMistakes.Keys.Select(name => new object[] { name });

    /// <summary>A project folder with www/index.html, a folder for the run's temporary archive, and the args every run shares.</summary>
    private sealed class Project : IDisposable
    {
        public Project()
        {
            Temp.WriteFile("app/www/index.html", "<html><body>suite</body></html>");
            Directory.CreateDirectory(Temp.Combine("tmp"));
        }

        public TempDirectory Temp { get; } = new();

        public string Www => Temp.Combine("app", "www");

        public string Out => Temp.Combine("app", "out");

        public ToolEnvironment Environment(string? token = Token) => new(
            Variables(token),
            temporaryFolder: Temp.Combine("tmp"),
            configureClient: options =>
            {
                // The suite checks where each case ends, not how long the production back-offs are.
                options.Retry.Delay = TimeSpan.FromMilliseconds(5);
                options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
            });

        public List<string> Args(Uri server, string platforms = "android", bool create = false) =>
        [
            "build", "--server", server.ToString(), .. create ? new[] { "--create" } : ["--app-id", "7"],
            "--www", Www, "--out", Out, "--state", Temp.Combine("state", "app-id"), "--token-variable", TokenVariable,
            "--platforms", platforms, "--poll", "0.05", "--timeout", "2", "--request-timeout", "1",
        ];

        public void Dispose() => Temp.Dispose();
    }

    [TestMethod]
    [DynamicData(nameof(ServerCases))]
    public async Task Build_AgainstAServerThatMisbehaves_EndsWithItsCode_AndKeepsNothing(Misbehaviour mode)
    {
        var bad = BadServerCases.Of(mode);
        await using var server = await MisbehavingServer.StartAsync(mode);
        using var project = new Project();

        var run = await ToolRun.RunAsync(project.Environment(), [.. project.Args(server.BaseUri, bad.Platforms, bad.Create)]).WaitAsync(Bound);

        AssertFailedCleanly(run, bad.Code, project.Out);
        Assert.IsLessThanOrEqualTo(1, server.Requests.Count(r => r == "POST /api/v1/apps"), "an app is never created twice");
    }

    [TestMethod]
    public async Task Build_AgainstTheSameServerBehaving_Succeeds_SoEveryCaseFailsForItsOwnReason()
    {
        await using var server = await MisbehavingServer.StartAsync(Misbehaviour.None);
        using var project = new Project();

        var run = await ToolRun.RunAsync(project.Environment(), [.. project.Args(server.BaseUri, "android,ios")]).WaitAsync(Bound);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        CollectionAssert.AreEqual(MisbehavingServer.Package, File.ReadAllBytes(Path.Combine(project.Out, "app-android.apk")));
        CollectionAssert.AreEqual(MisbehavingServer.Package, File.ReadAllBytes(Path.Combine(project.Out, "app-ios.ipa")));
    }

    [TestMethod]
    public async Task Build_WhenTheStorageBreaksOffOnce_ResumesOverRealSockets_AndSavesTheWholePackage()
    {
        await using var server = await MisbehavingServer.StartAsync(Misbehaviour.StorageCutOnceWithETag);
        using var project = new Project();

        var run = await ToolRun.RunAsync(project.Environment(), [.. project.Args(server.BaseUri)]).WaitAsync(Bound);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        CollectionAssert.AreEqual(MisbehavingServer.Package, File.ReadAllBytes(Path.Combine(project.Out, "app-android.apk")));
        Assert.HasCount(2, server.Requests.Where(r => r.StartsWith("GET /storage/", StringComparison.Ordinal)).ToList(), "the cut, then the rest");
        CollectionAssert.AreEqual(new[] { "app-android.apk" }, Directory.GetFiles(project.Out).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public async Task Build_WhenTheStorageBreaksOffMoreOftenThanTheRetries_ButGetsFurtherEachTime_Succeeds()
    {
        await using var server = await MisbehavingServer.StartAsync(Misbehaviour.StorageCutEveryTimeWithETag);
        using var project = new Project();

        var run = await ToolRun.RunAsync(project.Environment(), [.. project.Args(server.BaseUri)]).WaitAsync(Bound);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        CollectionAssert.AreEqual(MisbehavingServer.Package, File.ReadAllBytes(Path.Combine(project.Out, "app-android.apk")));
        Assert.IsGreaterThan(4, server.Requests.Count(r => r.StartsWith("GET /storage/", StringComparison.Ordinal)), "more attempts than the 3 retries");
    }

    /// <summary>
    /// Mistakes on this side: each is refused before anything is sent (the server, which would answer well, sees no
    /// request) with its PGB1xxx code, or PGB4002 for an output folder that is a file.
    /// </summary>
    private static readonly Dictionary<string, (string Code, Func<Project, List<string>, List<string>> Args, string? Token)> LocalMistakes = new()
    {
        ["www missing"] = ("PGB1003", (p, a) => Set(a, "--www", p.Temp.Combine("nowhere")), Token),
        ["www empty"] = ("PGB1010", (p, a) => Set(a, "--www", Directory.CreateDirectory(p.Temp.Combine("empty")).FullName), Token),
        ["config.xml missing"] = ("PGB1004", (p, a) => [.. a, "--config", p.Temp.Combine("missing.xml")], Token),
        ["platform unknown"] = ("PGB1005", (_, a) => Set(a, "--platforms", "android,tizen"), Token),
        ["no platform"] = ("PGB1009", (_, a) => Set(a, "--platforms", ","), Token),
        ["app id not a number"] = ("PGB1007", (_, a) => Set(a, "--app-id", "seven"), Token),
        ["app id zero"] = ("PGB1007", (_, a) => Set(a, "--app-id", "0"), Token),
        ["neither app id nor create"] = ("PGB1006", (_, a) => Remove(a, "--app-id"), Token),
        ["app id and create"] = ("PGB1000", (_, a) => [.. a, "--create"], Token),
        ["timeout not a number"] = ("PGB1008", (_, a) => Set(a, "--timeout", "soon"), Token),
        ["poll negative"] = ("PGB1008", (_, a) => Set(a, "--poll", "-1"), Token),
        ["request timeout zero"] = ("PGB1008", (_, a) => Set(a, "--request-timeout", "0"), Token),
        ["token variable unset"] = ("PGB1002", (_, a) => a, null),
        ["token variable blank"] = ("PGB1002", (_, a) => a, "   "),
        ["server url not http"] = ("PGB1001", (_, a) => Set(a, "--server", "ftp://127.0.0.1/"), Token),
        ["server url without scheme"] = ("PGB1001", (_, a) => Set(a, "--server", "build.example.com"), Token),
        ["android key not a number"] = ("PGB1015", (_, a) => [.. a, "--android-key", "release"], Token),
        ["key password variable unset"] = ("PGB1016", (_, a) => [.. a, "--ios-key", "3", "--ios-key-password-variable", "PGB_SUITE_NO_SUCH_VARIABLE"], Token),
        ["output folder is a file"] = ("PGB4002", (p, a) => Set(a, "--out", p.Temp.WriteFile("out-file", "not a folder")), Token),
        ["link out of www"] = ("PGB1012", (p, a) => LinkOutOfWww(p, a), Token),
    };

    [TestMethod]
    [DynamicData(nameof(LocalCases))]
    public async Task Build_WithALocalMistake_EndsWithItsCodeBeforeAnyRequest(string mistake)
    {
        var (code, change, token) = LocalMistakes[mistake];
        await using var server = await MisbehavingServer.StartAsync(Misbehaviour.None);
        using var project = new Project();
        var args = change(project, project.Args(server.BaseUri));
        var output = args[args.IndexOf("--out") + 1];

        var run = await ToolRun.RunAsync(project.Environment(token), [.. args]).WaitAsync(Bound);

        AssertFailedCleanly(run, code, Directory.Exists(output) ? output : null);
        Assert.IsEmpty(server.Requests, "a local mistake is caught before anything is sent");
    }

    private static void AssertFailedCleanly(ToolRun run, string code, string? output)
    {
        Assert.AreEqual(BadServerCases.ExitCodeOf(code), run.ExitCode, run.ToString());
        var errors = run.Stderr.Split('\n').Where(l => l.StartsWith("pgb: error ", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, errors, run.ToString());
        Assert.StartsWith($"pgb: error {code}: ", errors[0], run.ToString());
        Assert.DoesNotMatchRegex(StackFrame, run.All, "no stack trace");
        Assert.DoesNotContain(Token, run.All, "no token");
        Assert.DoesNotContain("<html", run.All, "no markup");
        if (output is not null && Directory.Exists(output))
        {
            Assert.IsEmpty(Directory.GetFileSystemEntries(output), $"nothing is kept in {output}: {run}");
        }
    }

    private static List<string> Set(List<string> args, string option, string value)
    {
        args[args.IndexOf(option) + 1] = value;
        return args;
    }

    private static List<string> Remove(List<string> args, string option)
    {
        var at = args.IndexOf(option);
        args.RemoveRange(at, 2);
        return args;
    }

    private static List<string> LinkOutOfWww(Project project, List<string> args)
    {
        var outside = project.Temp.WriteFile("secret.txt", "outside www");
        File.CreateSymbolicLink(Path.Combine(project.Www, "secret.txt"), outside);
        return args;
    }
}
