namespace Pgb.Server.Tests;

/// <summary>Repo-backed apps fetch their repository with git: a shallow clone of the default branch or the app's tag, in
/// the background (builds are pending meanwhile), again on every pull. The repositories are file:// ones made with git in
/// a temporary folder: no test reaches the network (the harness allows git no other transport).</summary>
[TestClass]
public sealed class RepositoryTests
{
    [TestMethod]
    public async Task Create_FromACordovaProject_ClonesIt_AndPackagesItsWww()
    {
        using var repository = await GitRepository.CordovaAsync("Cloned App", "from the repository");
        repository.Write("package.json", "{}");
        var commit = await repository.CommitAsync();
        await using var harness = await ServerHarness.StartAsync();

        var created = await CreateAsync(harness, repository.Url);
        var id = (int)created["id"]!;
        var app = await harness.WaitForBuildAsync(id, "android");
        var apk = Open(harness.Server.GetArtifact(id, "android")!);

        Assert.AreEqual("pending", (string?)created["status"]!["android"], "answered at once, before the clone");
        Assert.AreEqual("complete", (string?)app["status"]!["android"], (string?)app["error"]!["android"]);
        Assert.AreEqual("Cloned App", (string?)app["title"], "config.xml's name wins, as for uploads");
        Assert.AreEqual("com.example.cloned.app", (string?)app["package"]);
        Assert.AreEqual(repository.Url, (string?)app["repo"]);
        Assert.AreEqual("<html><body>from the repository</body></html>", Read(apk, "assets/www/index.html"));
        StringAssert.Contains(Read(apk, "assets/config.xml"), "<name>Cloned App</name>");
        Assert.IsNull(apk.GetEntry("assets/www/package.json"), "only the www of a Cordova project is packaged");
        Assert.AreEqual(commit, (string?)FidelityTests.Manifest(harness.Server.GetArtifact(id, "android")!)["commit"]);
        StringAssert.Contains((string?)(await harness.GetAsync($"/api/v1/apps/{id}/logs/android/build")).Object["log"], $"Fetched {repository.Url} at {commit}");
    }

    [TestMethod]
    public async Task Create_FromABareWww_PackagesItsRoot()
    {
        using var repository = await GitRepository.CreateAsync(("index.html", "<p>bare</p>"), ("js/app.js", "go()"), ("README.md", "readme"));
        await using var harness = await ServerHarness.StartAsync();

        var id = (int)(await CreateAsync(harness, repository.Url, title: "Bare"))["id"]!;
        var app = await harness.WaitForBuildAsync(id, "webos");
        var ipk = Open(harness.Server.GetArtifact(id, "webos")!);

        Assert.AreEqual("complete", (string?)app["status"]!["webos"], (string?)app["error"]!["webos"]);
        Assert.AreEqual("Bare", (string?)app["title"]);
        Assert.AreEqual("<p>bare</p>", Read(ipk, "www/index.html"));
        Assert.AreEqual("go()", Read(ipk, "www/js/app.js"));
        Assert.IsNull(ipk.GetEntry("www/.git/HEAD"), "the repository's history is not the app");
    }

    [TestMethod]
    public async Task Pull_FetchesTheNewCommit_AndRebuildsEveryPlatform()
    {
        using var repository = await GitRepository.CordovaAsync("Pulled", "first");
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await CreateAsync(harness, repository.Url))["id"]!;
        await harness.WaitForBuildAsync(id, "android");
        var before = harness.Server.GetArtifact(id, "android")!;

        repository.Write("www/index.html", "<html><body>second</body></html>");
        await repository.CommitAsync();
        var pulled = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/apps/{id}",
            ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString("{\"pull\":\"true\"}"))));
        var app = await harness.WaitForBuildAsync(id, "android");

        Assert.AreEqual(HttpStatusCode.OK, pulled.Status, pulled.Body);
        Assert.AreEqual("pending", (string?)pulled.Object["status"]!["android"]);
        Assert.AreEqual("complete", (string?)app["status"]!["android"], (string?)app["error"]!["android"]);
        Assert.AreEqual("<html><body>first</body></html>", Read(Open(before), "assets/www/index.html"));
        Assert.AreEqual("<html><body>second</body></html>", Read(Open(harness.Server.GetArtifact(id, "android")!), "assets/www/index.html"));
        Assert.AreEqual(2, (int)app["build_count"]!);
    }

    [TestMethod]
    public async Task V0Push_FetchesTheNewCommitToo()
    {
        using var repository = await GitRepository.CreateAsync(("index.html", "one"));
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await CreateAsync(harness, repository.Url, title: "Pushed"))["id"]!;
        await harness.Server.WaitForArtifactAsync(id, "android");
        repository.Write("index.html", "two");
        await repository.CommitAsync();

        var pushed = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v0/apps/{id}/push", ServerHarness.UrlEncoded("data=dummy")));
        var app = await harness.WaitForBuildAsync(id, "android");

        Assert.AreEqual(HttpStatusCode.OK, pushed.Status, pushed.Body);
        Assert.AreEqual("complete", (string?)app["status"]!["android"], (string?)app["error"]!["android"]);
        Assert.AreEqual("two", Read(Open(harness.Server.GetArtifact(id, "android")!), "assets/www/index.html"));
    }

    [TestMethod]
    public async Task Tag_FetchesThatTag_NotTheDefaultBranch()
    {
        using var repository = await GitRepository.CreateAsync(("index.html", "tagged"));
        await repository.TagAsync("v1.0");
        repository.Write("index.html", "later");
        await repository.CommitAsync();
        await using var harness = await ServerHarness.StartAsync();

        var created = await CreateAsync(harness, repository.Url, title: "Tagged", extra: ",\"tag\":\"v1.0\"");
        var id = (int)created["id"]!;
        var app = await harness.WaitForBuildAsync(id, "android");

        Assert.AreEqual("v1.0", (string?)created["tag"]);
        Assert.AreEqual("complete", (string?)app["status"]!["android"], (string?)app["error"]!["android"]);
        Assert.AreEqual("tagged", Read(Open(harness.Server.GetArtifact(id, "android")!), "assets/www/index.html"));
    }

    [TestMethod]
    public async Task Pgbomit_FoldersOfTheRepository_AreLeftOutOfThePackage_ButConfigXmlMayNameAnIconThere()
    {
        using var repository = await GitRepository.CreateAsync(
            ("index.html", "<p>app</p>"),
            ("config.xml", Zips.ConfigXml("Omitting", "res/icon/icon.png")),
            ("res/.pgbomit", string.Empty),
            ("res/icon/icon.png", "png"),
            ("res/screen/splash.png", "png"),
            ("img/logo.png", "logo"),
            (".pgbomit", string.Empty));
        await using var harness = await ServerHarness.StartAsync();

        var id = (int)(await CreateAsync(harness, repository.Url))["id"]!;
        var app = await harness.WaitForBuildAsync(id, "android");
        var apk = Open(harness.Server.GetArtifact(id, "android")!);

        Assert.AreEqual("complete", (string?)app["status"]!["android"], (string?)app["error"]!["android"]);
        CollectionAssert.AreEqual(new[] { "assets/www/img/logo.png", "assets/www/index.html" },
            apk.Entries.Select(e => e.FullName).Where(n => n.StartsWith("assets/www/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray());
        Assert.AreEqual("icon.png", (string?)app["icon"]!["filename"], "the icon was taken before the folder was left out");
    }

    [TestMethod]
    public async Task Clone_OfARepositoryThatIsNotThere_EndsTheBuildsInErrorWithGitsMessage()
    {
        await using var harness = await ServerHarness.StartAsync();
        var missing = new Uri(Path.Combine(Path.GetTempPath(), "pgb-no-such-repository-" + Guid.NewGuid().ToString("N"))).AbsoluteUri;

        var created = await harness.SendAsync(Create(missing, "Missing"));
        var id = (int)created.Object["id"]!;
        var app = await harness.WaitForBuildAsync(id, "android");
        var status = await harness.GetAsync($"/api/v1/apps/{id}/status");

        Assert.AreEqual(HttpStatusCode.Created, created.Status, "the clone happens after the answer");
        Assert.AreEqual("error", (string?)app["status"]!["android"]);
        StringAssert.StartsWith((string?)app["error"]!["android"], "git clone failed: fatal: ");
        Assert.IsTrue((bool)status.Object["completed"]!, "nothing is pending any more");
        Assert.IsFalse(harness.Server.Requests.Any(r => r.Status >= 500));
    }

    [TestMethod]
    public async Task Clone_OfARepositoryWithNoApp_EndsInErrorSayingWhatIsMissing()
    {
        using var repository = await GitRepository.CreateAsync(("README.md", "no app here"), ("src/main.c", "int main;"));
        await using var harness = await ServerHarness.StartAsync();

        var id = (int)(await CreateAsync(harness, repository.Url, title: "Empty"))["id"]!;
        var app = await harness.WaitForBuildAsync(id, "android");

        Assert.AreEqual("error", (string?)app["status"]!["android"]);
        Assert.AreEqual("the repository holds neither a Cordova project (config.xml and a www folder at its root) nor a www (an index.html at its root)",
            (string?)app["error"]!["android"]);
    }

    [TestMethod]
    public async Task Clone_WithoutGit_EndsInErrorSayingSo()
    {
        using var repository = await GitRepository.CreateAsync(("index.html", "x"));
        await using var harness = await ServerHarness.StartAsync(o => o.Git = new Build.GitSettings { Executable = Path.Combine(Path.GetTempPath(), "no-such-git-" + Guid.NewGuid().ToString("N")) });

        var id = (int)(await CreateAsync(harness, repository.Url, title: "No Git"))["id"]!;
        var app = await harness.WaitForBuildAsync(id, "android");

        Assert.AreEqual("error", (string?)app["status"]!["android"]);
        StringAssert.StartsWith((string?)app["error"]!["android"], "git could not be run (");
        StringAssert.EndsWith((string?)app["error"]!["android"], "install git on the server's machine and put it on the PATH");
    }

    [TestMethod]
    public async Task Clone_OverAProtocolTheServerDoesNotAllow_EndsInErrorWithoutReachingIt()
    {
        await using var harness = await ServerHarness.StartAsync();

        var created = await harness.SendAsync(Create("https://example.com/app.git", "Remote"));
        var app = await harness.WaitForBuildAsync((int)created.Object["id"]!, "android");

        Assert.AreEqual(HttpStatusCode.Created, created.Status, created.Body);
        Assert.AreEqual("error", (string?)app["status"]!["android"]);
        StringAssert.Contains((string?)app["error"]!["android"], "git clone failed: ");
    }

    [TestMethod]
    public async Task FailedPull_KeepsTheSourceItHad_SoTheNextBuildUsesIt()
    {
        using var repository = await GitRepository.CreateAsync(("index.html", "good"));
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await CreateAsync(harness, repository.Url, title: "Kept"))["id"]!;
        await harness.Server.WaitForArtifactAsync(id, "android");
        repository.Delete("index.html");
        repository.Write("notes.txt", "the app is gone");
        await repository.CommitAsync();

        await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Put, $"/api/v1/apps/{id}", ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString("{\"pull\":true}"))));
        var failed = await harness.WaitForBuildAsync(id, "android");
        await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/build/android", new StringContent(string.Empty)));
        var rebuilt = await harness.WaitForBuildAsync(id, "android");

        Assert.AreEqual("error", (string?)failed["status"]!["android"]);
        Assert.AreEqual("complete", (string?)rebuilt["status"]!["android"]);
        Assert.AreEqual("good", Read(Open(harness.Server.GetArtifact(id, "android")!), "assets/www/index.html"));
    }

    [TestMethod]
    public async Task Restart_WhileACloneRuns_FetchesAgainAtTheNextStart()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("the stand-in for a slow git is a shell script");
        }

        using var repository = await GitRepository.CreateAsync(("index.html", "resumed"));
        using var dir = new TempDirectory();
        var slowGit = dir.WriteFile("slow-git/git", "#!/bin/sh\nsleep 60\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(slowGit, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var data = new TempDirectory();
        int id;
        await using (var first = await PersistenceTests.StartAsync(data, o => o.Git = new Build.GitSettings { Executable = slowGit, Protocols = ["file"] }))
        {
            id = (int)(await CreateAsync(first, repository.Url, title: "Resumed"))["id"]!;
            Assert.AreEqual("pending", (string?)(await first.GetAsync($"/api/v1/apps/{id}")).Object["status"]!["android"]);
        }

        await using var second = await PersistenceTests.StartAsync(data);
        var app = await second.WaitForBuildAsync(id, "android");

        Assert.AreEqual("complete", (string?)app["status"]!["android"], (string?)app["error"]!["android"]);
        Assert.AreEqual("resumed", Read(Open(second.Server.GetArtifact(id, "android")!), "assets/www/index.html"));
    }

    [TestMethod]
    public async Task Restart_KeepsTheFetchedSource_WithoutFetchingAgain()
    {
        using var repository = await GitRepository.CreateAsync(("index.html", "fetched once"));
        using var data = new TempDirectory();
        int id;
        await using (var first = await PersistenceTests.StartAsync(data))
        {
            id = (int)(await CreateAsync(first, repository.Url, title: "Once"))["id"]!;
            await first.Server.WaitForArtifactAsync(id, "android");
        }

        repository.Write("index.html", "changed since");
        await repository.CommitAsync();
        await using var second = await PersistenceTests.StartAsync(data);
        await second.SendAsync(ServerHarness.Authorized(HttpMethod.Post, $"/api/v1/apps/{id}/build/android", new StringContent(string.Empty)));
        await second.WaitForBuildAsync(id, "android");

        Assert.AreEqual("fetched once", Read(Open(second.Server.GetArtifact(id, "android")!), "assets/www/index.html"), "a build is not a pull");
    }

    [TestMethod]
    [DataRow("https://ann:s3cret@example.com/app.git", "Private repository URLs not supported - try removing \"ann:***@\"")]
    [DataRow("https://ghp_s3cret0123456789abcdef@example.com/app.git", "Private repository URLs not supported - try removing \"***@\"")]
    [DataRow("https://alunny@github.com/alunny/phonegap-start.git", "Private repository URLs not supported - try removing \"alunny@\"")]
    [DataRow("ssh://git:s3cret@example.com/app.git", "Private repository URLs not supported - try removing \"git:***@\"")]
    [DataRow("/home/ann/app", null)]
    [DataRow("ext::sh -c touch% /tmp/pwned", null)]
    [DataRow("-uhelp", null)]
    [DataRow("ftp://example.com/app.git", null)]
    [DataRow("C:\\src\\app", null)]
    public async Task Create_WithARepositoryUrlTheServerWillNotClone_Is400_AndNeverEchoesAPassword(string url, string? message)
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await harness.SendAsync(Create(url, "Refused"));

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status, answer.Body);
        Assert.AreEqual(message ?? answer.Error, answer.Error);
        StringAssert.Contains(answer.Error, message is null ? "repo must be an https, http, ssh, git or file URL" : "try removing");
        Assert.DoesNotContain("s3cret", answer.Body);
        Assert.IsEmpty((await harness.GetAsync("/api/v1/apps")).Object["apps"]!.AsArray());
    }

    [TestMethod]
    [DataRow("git@example.com:team/app.git")]
    [DataRow("ssh://git@example.com/team/app.git")]
    [DataRow("git://example.com/team/app.git")]
    public async Task Create_WithAnSshOrGitUrl_IsTaken(string url)
    {
        await using var harness = await ServerHarness.StartAsync();

        var answer = await harness.SendAsync(Create(url, "Taken"));

        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        Assert.AreEqual(url, (string?)answer.Object["repo"]);
    }

    [TestMethod]
    public async Task Delete_WhileACloneRuns_LeavesNothing()
    {
        using var repository = await GitRepository.CreateAsync(("index.html", "x"));
        await using var harness = await ServerHarness.StartAsync();
        var id = (int)(await CreateAsync(harness, repository.Url, title: "Deleted"))["id"]!;

        var deleted = await harness.SendAsync(ServerHarness.Authorized(HttpMethod.Delete, $"/api/v1/apps/{id}"));
        await Task.Delay(500);

        Assert.AreEqual(HttpStatusCode.Accepted, deleted.Status, deleted.Body);
        Assert.AreEqual(HttpStatusCode.NotFound, (await harness.GetAsync($"/api/v1/apps/{id}")).Status, "a clone that ends later does not bring it back");
    }

    private static HttpRequestMessage Create(string repo, string title, string extra = "") =>
        ServerHarness.Authorized(HttpMethod.Post, "/api/v1/apps", ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString(
            new JsonObject { ["title"] = title, ["repo"] = repo, ["create_method"] = "remote_repo" }.ToJsonString().TrimEnd('}') + extra + "}")));

    private static async Task<JsonObject> CreateAsync(ServerHarness harness, string repo, string title = "From Git", string extra = "")
    {
        var answer = await harness.SendAsync(Create(repo, title, extra));
        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        return answer.Object;
    }

    private static ZipArchive Open(byte[] package) => new(new MemoryStream(package));

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)?.Open() ?? throw new AssertFailedException(
            $"no {name} in the package: {string.Join(", ", zip.Entries.Select(e => e.FullName))}"), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
