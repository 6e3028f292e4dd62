namespace Pgb.Tool.Tests;

[TestClass]
public sealed partial class ServeCommandTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [GeneratedRegex(@"^Listening on http://127\.0\.0\.1:(?<port>\d+)$")]
    private static partial Regex ListeningLine();

    /// <summary>Runs <c>pgb serve</c> in-process until its first stdout line; the caller cancels and awaits it.</summary>
    private static async Task<(Task<int> Running, string FirstLine, LineWriter Stdout, LineWriter Stderr)> StartAsync(CancellationToken cancellationToken, params string[] args)
    {
        var stdout = new LineWriter();
        var stderr = new LineWriter();
        var running = Program.RunAsync(["serve", .. args], stdout, stderr, cancellationToken);
        var first = await Task.WhenAny(stdout.FirstLine, running).WaitAsync(Wait, CancellationToken.None);
        Assert.AreSame(stdout.FirstLine, first, $"serve ended before it was ready: {stderr}");
        return (running, await stdout.FirstLine, stdout, stderr);
    }

    /// <summary>
    /// Runs <c>pgb serve</c> with <paramref name="args"/> while <paramref name="test"/> talks to it (given the first line
    /// it printed, its stdout and its stderr), then stops it as Ctrl+C does and checks that it ends with exit code 0.
    /// Returns what it printed, for what a test checks once it stopped.
    /// </summary>
    private static async Task<(string FirstLine, LineWriter Stdout, LineWriter Stderr)> WhileServingAsync(string[] args, Func<string, LineWriter, LineWriter, Task> test)
    {
        using var stop = new CancellationTokenSource();
        var (running, line, stdout, stderr) = await StartAsync(stop.Token, args);
        try
        {
            await test(line, stdout, stderr);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.AreEqual(ExitCodes.Success, await running.WaitAsync(Wait), stderr.ToString());
        return (line, stdout, stderr);
    }

    [TestMethod]
    public async Task Serve_OnPortZero_PrintsTheListeningLine_Serves_AndStopsWithZero()
    {
        var (firstLine, output, _) = await WhileServingAsync(["--port", "0"], async (line, stdout, stderr) =>
        {
            var match = ListeningLine().Match(line);
            Assert.IsTrue(match.Success, line);
            Assert.AreNotEqual("0", match.Groups["port"].Value);
            Assert.Contains("Development account: user dev, with default signing keys for android and ios. For pgb build, set PGB_AUTH_TOKEN to its well-known token (docs/server.md).", stderr.ToString());
            Assert.DoesNotContain("pgb-dev-token", stderr.ToString() + stdout.ToString(), "no token is printed, not even the well-known one");

            using var http = new HttpClient();
            using var answer = await http.GetAsync(new Uri(line["Listening on ".Length..] + "/api/v1/me?auth_token=pgb-dev-token"));
            Assert.AreEqual(HttpStatusCode.OK, answer.StatusCode);
        });

        Assert.AreEqual(firstLine + Environment.NewLine, output.ToString(), "exactly one line on stdout");
    }

    [TestMethod]
    public async Task Serve_WithJson_PrintsTheUrlAsJson()
    {
        using var stop = new CancellationTokenSource();
        var (running, line, _, _) = await StartAsync(stop.Token, "--port", "0", "--json");
        await stop.CancelAsync();

        Assert.AreEqual(ExitCodes.Success, await running.WaitAsync(Wait));
        using var document = JsonDocument.Parse(line);
        Assert.MatchesRegex(@"^http://127\.0\.0\.1:\d+$", document.RootElement.GetProperty("url").GetString()!);
    }

    [TestMethod]
    public async Task Serve_WithUsers_AcceptsTheirTokens_AndHasNoDevelopmentAccount()
    {
        var (_, _, log) = await WhileServingAsync(["--port", "0", "--user", "ann:ann@example.com:pa:ss:ann-token", "--verbose"], async (line, _, stderr) =>
        {
            var url = line["Listening on ".Length..];
            using var http = new HttpClient();
            using var ann = await http.GetAsync(new Uri(url + "/api/v1/me?auth_token=ann-token"));
            using var dev = await http.GetAsync(new Uri(url + "/api/v1/me?auth_token=pgb-dev-token"));
            Assert.AreEqual(HttpStatusCode.OK, ann.StatusCode);
            Assert.AreEqual(HttpStatusCode.Unauthorized, dev.StatusCode);
            Assert.DoesNotContain("Development account", stderr.ToString());
            Assert.Contains("Accounts: ann, with no signing keys yet. For pgb build, set PGB_AUTH_TOKEN to the token given with --user.", stderr.ToString());
        });

        Assert.DoesNotContain("ann-token", log.ToString(), "the request log never shows a token");
    }

    [TestMethod]
    public async Task Serve_WithData_KeepsAnAppAcrossARestart()
    {
        using var data = new TempDirectory();
        await RunServerAsync(data.Path, async baseUrl =>
        {
            using var http = new HttpClient();
            using var form = new MultipartFormDataContent
            {
                { new StringContent("""{"title":"Kept","create_method":"file"}"""), "data" },
                { new ByteArrayContent("<html>kept</html>"u8.ToArray()), "file", "index.html" },
            };
            using var created = await http.PostAsync(new Uri(baseUrl + "/api/v1/apps?auth_token=pgb-dev-token"), form);
            Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        });

        await RunServerAsync(data.Path, async baseUrl =>
        {
            using var http = new HttpClient();
            using var answer = await http.GetAsync(new Uri(baseUrl + "/api/v1/apps/1?auth_token=pgb-dev-token"));
            Assert.AreEqual(HttpStatusCode.OK, answer.StatusCode, "the app created before the restart is gone");
            using var app = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
            Assert.AreEqual("Kept", app.RootElement.GetProperty("title").GetString());
        });
    }

    [TestMethod]
    public async Task Serve_WithData_ReopenedWithoutAnAppsOwner_SaysSoAndDoesNotHandTheAppToAnother()
    {
        using var data = new TempDirectory();
        using (var stop = new CancellationTokenSource())
        {
            var (running, line, _, _) = await StartAsync(stop.Token, "--port", "0", "--data", data.Path, "--user", "ann:ann@example.com:pw:ann-token");
            using var http = new HttpClient();
            using var form = new MultipartFormDataContent
            {
                { new StringContent("""{"title":"Ann's"}"""), "data" },
                { new ByteArrayContent("<html>ann</html>"u8.ToArray()), "file", "index.html" },
            };
            using var created = await http.PostAsync(new Uri(line["Listening on ".Length..] + "/api/v1/apps?auth_token=ann-token"), form);
            Assert.AreEqual(HttpStatusCode.Created, created.StatusCode);
            await stop.CancelAsync();
            Assert.AreEqual(ExitCodes.Success, await running.WaitAsync(Wait));
        }

        using (var stop = new CancellationTokenSource())
        {
            var (running, line, _, stderr) = await StartAsync(stop.Token, "--port", "0", "--data", data.Path, "--user", "bob:bob@example.com:pw:bob-token");
            try
            {
                Assert.Contains("Apps 1 belong to ann@example.com, which no --user names now", stderr.ToString());
                using var http = new HttpClient();
                using var bob = await http.GetAsync(new Uri(line["Listening on ".Length..] + "/api/v1/apps/1?auth_token=bob-token"));
                Assert.AreEqual(HttpStatusCode.NotFound, bob.StatusCode);
            }
            finally
            {
                await stop.CancelAsync();
            }

            Assert.AreEqual(ExitCodes.Success, await running.WaitAsync(Wait));
        }
    }

    [TestMethod]
    public async Task Serve_WithADataDirectoryInUse_ExitsFiveWithPGB4012()
    {
        using var data = new TempDirectory();
        await RunServerAsync(data.Path, async _ =>
        {
            var second = await ToolRun.RunAsync("serve", "--port", "0", "--data", data.Path);

            Assert.AreEqual(ExitCodes.LocalIO, second.ExitCode, second.ToString());
            Assert.Contains("pgb: error PGB4012:", second.Stderr);
            Assert.AreEqual(string.Empty, second.Stdout, "no Listening line: the second server did not start");
        });
    }

    [TestMethod]
    public async Task Serve_WithACorruptDataDirectory_ExitsFiveWithPGB4013NamingTheFile()
    {
        using var data = new TempDirectory();
        await RunServerAsync(data.Path, _ => Task.CompletedTask);
        var state = Directory.GetFiles(data.Path, "state.json").Single();
        await File.WriteAllTextAsync(state, "{ not json");

        var run = await ToolRun.RunAsync("serve", "--port", "0", "--data", data.Path);

        Assert.AreEqual(ExitCodes.LocalIO, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB4013:", run.Stderr);
        Assert.Contains("state.json", run.Stderr);
        Assert.DoesNotContain("   at ", run.All);
    }

    /// <summary>Runs <c>pgb serve --data</c> on a free port, hands its URL to <paramref name="use"/>, then stops it (exit 0).</summary>
    private static Task RunServerAsync(string data, Func<string, Task> use) =>
        WhileServingAsync(["--port", "0", "--data", data], async (line, _, stderr) =>
        {
            StringAssert.Contains(stderr.ToString(), "Data directory: ");
            await use(line["Listening on ".Length..]);
        });

    [TestMethod]
    public async Task Serve_OnAPortInUse_ExitsFiveWithPGB4010()
    {
        await WhileServingAsync(["--port", "0"], async (line, _, _) =>
        {
            var port = ListeningLine().Match(line).Groups["port"].Value;
            var second = await ToolRun.RunAsync("serve", "--port", port);

            Assert.AreEqual(ExitCodes.LocalIO, second.ExitCode, second.ToString());
            Assert.Contains("pgb: error PGB4010:", second.Stderr);
        });
    }

    [TestMethod]
    public async Task Serve_WithMaxUploadMbAndAllowedHost_AppliesThem()
    {
        await WhileServingAsync(["--port", "0", "--max-upload-mb", "1", "--allowed-host", "build.example.com"], async (line, _, _) =>
        {
            var url = new Uri(line["Listening on ".Length..]);
            using var http = new HttpClient { BaseAddress = url };
            using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/v1/apps?auth_token=pgb-dev-token")
            {
                Content = new MultipartFormDataContent { { new ByteArrayContent(new byte[2 * 1024 * 1024]), "file", "app.zip" } },
            };
            using var allowed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me?auth_token=pgb-dev-token");
            allowed.Headers.Host = "build.example.com";
            using var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me?auth_token=pgb-dev-token");
            foreign.Headers.Host = "evil.example";

            Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(upload)).StatusCode);
            Assert.AreEqual(HttpStatusCode.OK, (await http.SendAsync(allowed)).StatusCode);
            Assert.AreEqual(HttpStatusCode.BadRequest, (await http.SendAsync(foreign)).StatusCode);
        });
    }

    [TestMethod]
    public async Task Serve_WithAStoragePort_ServesDownloadsFromIt_AndAnswersHealth()
    {
        await WhileServingAsync(["--port", "0", "--storage-port", "0", "--build-seconds", "0.1"], async (line, _, stderr) =>
        {
            var url = new Uri(line["Listening on ".Length..]);
            var storage = Regex.Match(stderr.ToString(), @"Downloads and icons are served from (?<url>http://127\.0\.0\.1:\d+)\.");
            Assert.IsTrue(storage.Success, stderr.ToString());
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = url };
            using var form = new MultipartFormDataContent
            {
                { new StringContent("""{"title":"Stored"}"""), "data" },
                { new ByteArrayContent("<html>stored</html>"u8.ToArray()), "file", "index.html" },
            };
            using var created = await http.PostAsync("/api/v1/apps?auth_token=pgb-dev-token", form);
            Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
            HttpResponseMessage download;
            var deadline = DateTime.UtcNow + Wait;
            while ((download = await http.GetAsync("/api/v1/apps/1/android?auth_token=pgb-dev-token")).StatusCode != HttpStatusCode.Found)
            {
                Assert.IsLessThan(deadline, DateTime.UtcNow, "the build never completed");
                await Task.Delay(100);
            }

            using var health = await http.GetAsync("/health");

            Assert.AreEqual(storage.Groups["url"].Value, download.Headers.Location!.GetLeftPart(UriPartial.Authority));
            Assert.AreEqual(HttpStatusCode.OK, (await http.GetAsync(download.Headers.Location)).StatusCode);
            Assert.AreEqual(HttpStatusCode.OK, health.StatusCode);
            StringAssert.Contains(await health.Content.ReadAsStringAsync(), "\"status\":\"ok\"");
        });
    }

    /// <summary>Arguments that cannot make a server: refused before anything starts, with what is wrong (the message's
    /// start; an empty one where only the code is pinned).</summary>
    [TestMethod]
    [DataRow(new[] { "--user", "ann:ann@example.com:pw:t1", "--user", "annie:ann@example.com:pw:t2" }, "--user #1 and --user #2 have the same e-mail")]
    [DataRow(new[] { "--max-upload-mb", "0" }, "")]
    [DataRow(new[] { "--max-upload-mb", "2048" }, "")]
    [DataRow(new[] { "--max-upload-mb", "lots" }, "")]
    [DataRow(new[] { "--allowed-host", "https://build.example.com" }, "--allowed-host")]
    [DataRow(new[] { "--allowed-host", "build.example.com:443" }, "--allowed-host")]
    [DataRow(new[] { "--storage-port", "70000" }, "--storage-port must be between 0 and 65535, not 70000.")]
    [DataRow(new[] { "--port", "5123", "--storage-port", "5123" }, "--storage-port 5123 is also --port")]
    public async Task Serve_WithBadArguments_ExitsTwoWithPGB1000SayingWhy(string[] args, string message)
    {
        var run = await ToolRun.RunAsync(["serve", .. args]);

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.Contains("pgb: error PGB1000: " + message, run.Stderr);
    }
}
