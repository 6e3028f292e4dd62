using System.Text.RegularExpressions;
using Pgb.Client;
using Pgb.Testing;

namespace Pgb.Build.Tasks.Tests;

/// <summary>
/// The bad-input suite through the MSBuild tasks, run as the targets chain them (upload, queue, wait, download) on a
/// mock build engine: every way a server answers badly (tests/Pgb.Testing's <see cref="BadServerCases"/>, the same
/// table <c>pgb build</c> meets) and the local mistakes a task can meet end the build with exactly one error, with its
/// PGB code, on the user's project file, without a stack trace, a token or markup, and with nothing in the output
/// folder and no manifest, within a bound.
/// </summary>
[TestClass]
public sealed class TaskBadInputSuiteTests : TaskTestBase
{
    private const string Token = "tasks-suite-s3cret-4e7a";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static readonly Regex StackFrame = new(@"\bat [\w.`<>]+\.[\w<>`]+\(", RegexOptions.CultureInvariant);

    public static IEnumerable<object[]> ServerCases => BadServerCases.Rows;

    public static IEnumerable<object[]> LocalCases => LocalMistakes.Keys.Select(name => new object[] { name });

    private string Output => Path.Combine(Temp, "out");

    private string Manifest => Path.Combine(Temp, "obj", "artifacts.tsv");

    /// <summary>The retries the suite waits through are short: it checks where each case ends, not the production back-offs.</summary>
    private static PgbClientOptions FastRetries()
    {
        var options = new PgbClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        return options;
    }

    private T Service<T>(T task, Uri server)
        where T : PgbServiceTask
    {
        task.ProjectFile = UserProject;
        task.ServerUrl = server.ToString();
        task.TokenVariable = TokenVariable;
        task.RequestTimeoutSeconds = "1";
        task.ClientOptionsFactory = FastRetries;
        return task;
    }

    /// <summary>Runs the tasks in the order the targets do, stopping at the first that fails, as MSBuild does.</summary>
    private bool RunChain(MockEngine engine, Uri server, BadServerCase bad)
    {
        var archive = WriteArchive();
        var platforms = bad.Platforms.Replace(',', ';');

        var upload = Service(new PgbUpload
        {
            BuildEngine = engine,
            AppId = bad.Create ? null : "7",
            CreateApp = bad.Create,
            AppIdFile = Path.Combine(Temp, "obj", "app-id.txt"),
            AppTitle = "Bad",
            Archive = archive,
        }, server);
        if (!upload.Execute())
        {
            return false;
        }

        var appId = upload.ResolvedAppId!;
        IEnumerable<PgbServiceTask> rest =
        [
            Service(new PgbQueueBuild { BuildEngine = engine, AppId = appId, Platforms = platforms }, server),
            Service(new PgbWaitForBuild { BuildEngine = engine, AppId = appId, Platforms = platforms, TimeoutSeconds = "2", PollIntervalSeconds = "0.05" }, server),
            Service(new PgbDownload { BuildEngine = engine, AppId = appId, Platforms = platforms, OutputDirectory = Output, ArtifactName = "Bad", ManifestFile = Manifest }, server),
        ];
        return rest.All(task => task.Execute());
    }

    [TestMethod]
    [DynamicData(nameof(ServerCases))]
    public async Task Tasks_AgainstAServerThatMisbehaves_LogOneErrorWithItsCode_AndKeepNothing(Misbehaviour mode)
    {
        var bad = BadServerCases.Of(mode);
        Environment.SetEnvironmentVariable(TokenVariable, Token);
        await using var server = await MisbehavingServer.StartAsync(mode);
        var engine = new MockEngine();

        var succeeded = await Task.Run(() => RunChain(engine, server.BaseUri, bad)).WaitAsync(Bound);

        Assert.IsFalse(succeeded, engine.AllText());
        AssertFailedCleanly(engine, bad.Code);
        Assert.IsLessThanOrEqualTo(1, server.Requests.Count(r => r == "POST /api/v1/apps"), "an app is never created twice");
    }

    [TestMethod]
    public async Task Tasks_AgainstTheSameServerBehaving_Succeed_SoEveryCaseFailsForItsOwnReason()
    {
        Environment.SetEnvironmentVariable(TokenVariable, Token);
        await using var server = await MisbehavingServer.StartAsync(Misbehaviour.None);
        var engine = new MockEngine();

        var succeeded = await Task.Run(() => RunChain(engine, server.BaseUri, new BadServerCase(Misbehaviour.None, "", "android;ios"))).WaitAsync(Bound);

        Assert.IsTrue(succeeded, engine.AllText());
        CollectionAssert.AreEqual(MisbehavingServer.Package, File.ReadAllBytes(Path.Combine(Output, "Bad-android.apk")));
        CollectionAssert.AreEqual(MisbehavingServer.Package, File.ReadAllBytes(Path.Combine(Output, "Bad-ios.ipa")));
        Assert.IsTrue(File.Exists(Manifest));
    }

    /// <summary>Mistakes on this side, each met by the task that reads the setting.</summary>
    private static readonly Dictionary<string, (string Code, Func<TaskBadInputSuiteTests, MockEngine, Uri, ITask> Task)> LocalMistakes = new()
    {
        ["token variable unset"] = ("PGB1002", (t, e, s) => t.Service(new PgbQueueBuild { BuildEngine = e, AppId = "7", Platforms = "android" }, s).With(q => q.TokenVariable = "PGB_SUITE_UNSET_" + Guid.NewGuid().ToString("N"))),
        ["server url without scheme"] = ("PGB1001", (t, e, s) => t.Service(new PgbQueueBuild { BuildEngine = e, AppId = "7", Platforms = "android" }, new Uri("http://x/")).With(q => q.ServerUrl = "build.example.com")),
        ["app id not a number"] = ("PGB1007", (t, e, s) => t.Service(new PgbQueueBuild { BuildEngine = e, AppId = "seven", Platforms = "android" }, s)),
        ["platform unknown"] = ("PGB1005", (t, e, s) => t.Service(new PgbQueueBuild { BuildEngine = e, AppId = "7", Platforms = "android;tizen" }, s)),
        ["no platform"] = ("PGB1009", (t, e, s) => t.Service(new PgbWaitForBuild { BuildEngine = e, AppId = "7", Platforms = ";" }, s)),
        ["request timeout not a number"] = ("PGB1008", (t, e, s) => t.Service(new PgbWaitForBuild { BuildEngine = e, AppId = "7", Platforms = "android" }, s).With(w => w.RequestTimeoutSeconds = "soon")),
        ["timeout zero"] = ("PGB1008", (t, e, s) => t.Service(new PgbWaitForBuild { BuildEngine = e, AppId = "7", Platforms = "android", TimeoutSeconds = "0" }, s)),
        ["neither app id nor create"] = ("PGB1006", (t, e, s) => t.Service(new PgbUpload { BuildEngine = e, Archive = t.WriteArchive() }, s)),
        ["ios key not a number"] = ("PGB1015", (t, e, s) => t.Service(new PgbUseSigningKeys { BuildEngine = e, AppId = "7", IosKeyId = "release" }, s)),
        ["key password variable unset"] = ("PGB1016", (t, e, s) => t.Service(new PgbUseSigningKeys { BuildEngine = e, AppId = "7", IosKeyId = "3", IosKeyPasswordVariable = "PGB_SUITE_NO_SUCH_VARIABLE" }, s)),
        ["www missing"] = ("PGB1003", (t, e, _) => new PgbPackage { BuildEngine = e, ProjectFile = UserProject, WwwDirectory = Path.Combine(t.Temp, "nowhere"), OutputFile = Path.Combine(t.Temp, "obj", "a.zip") }),
        ["www empty"] = ("PGB1010", (t, e, _) => new PgbPackage { BuildEngine = e, ProjectFile = UserProject, WwwDirectory = Directory.CreateDirectory(Path.Combine(t.Temp, "empty")).FullName, OutputFile = Path.Combine(t.Temp, "obj", "a.zip") }),
        ["config.xml missing"] = ("PGB1004", (t, e, _) => new PgbPackage { BuildEngine = e, ProjectFile = UserProject, WwwDirectory = t.WriteWww(), ConfigXml = Path.Combine(t.Temp, "missing.xml"), OutputFile = Path.Combine(t.Temp, "obj", "a.zip") }),
        ["output folder is a file"] = ("PGB4002", (t, e, s) => t.Service(new PgbDownload { BuildEngine = e, AppId = "7", Platforms = "android", OutputDirectory = t.WriteFile("out"), ArtifactName = "Bad", ManifestFile = t.Manifest }, s)),
        ["create app not a switch"] = ("PGB1013", (t, e, _) => new PgbValidateSettings { BuildEngine = e, ProjectFile = UserProject, ServerUrl = "http://127.0.0.1:1/", CreateApp = "yes", Platforms = "android", WwwDirectory = t.WriteWww() }),
    };

    [TestMethod]
    [DynamicData(nameof(LocalCases))]
    public async Task Task_WithALocalMistake_LogsOneErrorWithItsCode(string mistake)
    {
        var (code, make) = LocalMistakes[mistake];
        Environment.SetEnvironmentVariable(TokenVariable, Token);
        await using var server = await MisbehavingServer.StartAsync(Misbehaviour.None);
        var engine = new MockEngine();
        var task = make(this, engine, server.BaseUri);

        var succeeded = await Task.Run(task.Execute).WaitAsync(Bound);

        Assert.IsFalse(succeeded, engine.AllText());
        AssertFailedCleanly(engine, code);
    }

    private void AssertFailedCleanly(MockEngine engine, string code)
    {
        AssertSingleError(engine, code);
        var text = engine.AllText();
        Assert.DoesNotMatchRegex(StackFrame, text, "no stack trace");
        Assert.DoesNotContain(Token, text, "no token");
        Assert.DoesNotContain("<html", text, "no markup");
        if (Directory.Exists(Output))
        {
            Assert.IsEmpty(Directory.GetFileSystemEntries(Output), $"nothing is kept in the output folder: {text}");
        }

        Assert.IsFalse(File.Exists(Manifest), "no manifest after a failure");
    }

    private string WriteArchive()
    {
        var archive = Path.Combine(Temp, "obj", "Bad.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(archive)!);
        File.WriteAllBytes(archive, Zips.App("Bad"));
        return archive;
    }

    private string WriteWww()
    {
        var www = Directory.CreateDirectory(Path.Combine(Temp, "www")).FullName;
        File.WriteAllText(Path.Combine(www, "index.html"), "<html></html>");
        return www;
    }

    private string WriteFile(string name)
    {
        var path = Path.Combine(Temp, name);
        File.WriteAllText(path, "a file, not a folder");
        return path;
    }
}

/// <summary>Sets one more property of a task made in an expression.</summary>
internal static class TaskSetup
{
    public static T With<T>(this T task, Action<T> set)
    {
        set(task);
        return task;
    }
}
