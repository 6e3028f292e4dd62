using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Pgb.Tool.Tests;

/// <summary><c>pgb serve --data</c> as a process, as CI jobs run it: killed mid-build it loses nothing committed, and
/// many <c>pgb build</c> processes at once all succeed against it.</summary>
[TestClass]
public sealed class PersistedServerProcessTests
{
    /// <summary>How many <c>pgb build</c> processes run at once: 100, the figure docs/server.md states (about a minute
    /// and a minute of CPU on a 2-core machine). <c>PGB_CONCURRENT_PIPELINES</c> changes it for a local run.</summary>
    private static int ConcurrentPipelines =>
        int.TryParse(Environment.GetEnvironmentVariable("PGB_CONCURRENT_PIPELINES"), out var count) && count > 0 ? count : 100;

    [TestMethod]
    public async Task KilledMidBuild_ThenRestarted_LosesNoAppUploadOrPackage()
    {
        using var data = new TempDirectory();
        using var repository = await GitRepository.CreateAsync(("index.html", "<p>fetched</p>"));
        var upload = AppZip("Survivor");
        int fileApp, repoApp;
        JsonObject fileBefore, repoBefore;
        byte[] package;
        Uri packageLink, iconLink;
        using (var first = await ServeProcess.StartAsync(data.Path, "--build-seconds", "1"))
        {
            using var http = Client(first.Url);
            fileApp = (int)(await SendAsync(http, HttpMethod.Post, "/api/v1/apps", Multipart(upload, "{\"platforms\":[\"android\"]}")))["id"]!;
            repoApp = (int)(await SendAsync(http, HttpMethod.Post, "/api/v1/apps", Form($"{{\"title\":\"Repo\",\"repo\":\"{repository.Url}\"}}")))["id"]!;
            await WaitAsync(http, fileApp, "android", "complete");
            await WaitAsync(http, repoApp, "ios", "complete"); // fetched and built once
            (packageLink, package) = await DownloadAsync(http, $"/api/v1/apps/{fileApp}/android");
            (iconLink, _) = await DownloadAsync(http, $"/api/v1/apps/{fileApp}/icon");

            // Mid-build: the repo app's platforms queued again, pending (for 1 s) when the server dies.
            var queued = await SendAsync(http, HttpMethod.Post, $"/api/v1/apps/{repoApp}/build");
            Assert.AreEqual("pending", (string?)queued["status"]!["ios"]);
            first.Kill();
        }

        // The kill happened after the answers above, so the stored state is what they showed, pending builds aside.
        using var second = await ServeProcess.StartAsync(data.Path, "--build-seconds", "3600");
        using var again = Client(second.Url);
        fileBefore = await SendAsync(again, HttpMethod.Get, $"/api/v1/apps/{fileApp}");
        repoBefore = await SendAsync(again, HttpMethod.Get, $"/api/v1/apps/{repoApp}");

        Assert.AreEqual("Survivor App", (string?)fileBefore["title"]);
        Assert.AreEqual("complete", (string?)fileBefore["status"]!["android"]);
        Assert.AreEqual("Repo", (string?)repoBefore["title"]);
        Assert.AreEqual(repository.Url, (string?)repoBefore["repo"]);
        var (packageLinkAfter, packageAfter) = await DownloadAsync(again, $"/api/v1/apps/{fileApp}/android");
        Assert.AreEqual(packageLink.AbsolutePath, packageLinkAfter.AbsolutePath, "the link handed out before the kill");
        CollectionAssert.AreEqual(package, packageAfter);
        Assert.AreEqual(iconLink.AbsolutePath, (await DownloadAsync(again, $"/api/v1/apps/{fileApp}/icon")).Location.AbsolutePath);
        var sources = Directory.GetFiles(Path.Combine(data.Path, "blobs", "source"));
        Assert.HasCount(2, sources, "the upload and the repository's checkout, each kept once");
        Assert.ContainsSingle(sources.Where(source => File.ReadAllBytes(source).AsSpan().SequenceEqual(upload)));
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(data.Path, "tmp")), "nothing half-written is left");

        // The builds pending at the kill finish (they had 1 s; the restart gives at most that), packages and all.
        await WaitAsync(again, repoApp, "ios", "complete");
        var (_, repoPackage) = await DownloadAsync(again, $"/api/v1/apps/{repoApp}/ios");
        using (var ipa = new ZipArchive(new MemoryStream(repoPackage)))
        {
            Assert.IsNotNull(ipa.GetEntry("Payload/Repo.app/www/index.html"), "what was fetched before the kill");
        }

        Assert.AreEqual(3, (int)(await SendAsync(again, HttpMethod.Post, "/api/v1/apps", Form($"{{\"title\":\"After\",\"repo\":\"{repository.Url}\"}}")))["id"]!,
            "ids go on after the highest ever handed out");
    }

    /// <summary>Alone (no other test of this assembly runs meanwhile): a hundred processes take both cores.</summary>
    [TestMethod]
    [DoNotParallelize]
    public async Task ConcurrentPipelines_AsProcesses_AgainstOnePersistedServer_AllSucceed()
    {
        using var data = new TempDirectory();
        using var work = new TempDirectory();
        var www = Path.Combine(work.Path, "www");
        Directory.CreateDirectory(www);
        File.WriteAllText(Path.Combine(www, "index.html"), "<html><body>many</body></html>");
        using var server = await ServeProcess.StartAsync(data.Path, "--build-seconds", "1");

        var runs = await Task.WhenAll(Enumerable.Range(0, ConcurrentPipelines).Select(i => ProcessRunner.RunAsync("dotnet",
            [ServeProcess.PgbDll, "build", "--server", server.Url.ToString(), "--create", "--title", $"Pipeline {i}", "--www", www,
                "--platforms", "android,ios", "--out", Path.Combine(work.Path, $"out{i}"), "--poll", "0.5", "--timeout", "300"],
            work.Path, new Dictionary<string, string?> { ["PGB_AUTH_TOKEN"] = "pgb-dev-token", ["PGB_SERVER_URL"] = null },
            TimeSpan.FromMinutes(8))));

        for (var i = 0; i < runs.Length; i++)
        {
            Assert.AreEqual(0, runs[i].ExitCode, $"pipeline {i}: {runs[i].Output}");
            Assert.IsTrue(File.Exists(Path.Combine(work.Path, $"out{i}", "app-android.apk")), $"pipeline {i}");
            Assert.IsTrue(File.Exists(Path.Combine(work.Path, $"out{i}", "app-ios.ipa")), $"pipeline {i}");
        }

        using var http = Client(server.Url);
        Assert.HasCount(ConcurrentPipelines, (await SendAsync(http, HttpMethod.Get, "/api/v1/apps"))["apps"]!.AsArray());
        Assert.HasCount(ConcurrentPipelines, Directory.GetFiles(Path.Combine(data.Path, "apps")), "every app is on disk");
    }

    private static HttpClient Client(Uri server)
    {
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "pgb-dev-token");
        return http;
    }

    private static async Task<JsonObject> SendAsync(HttpClient http, HttpMethod method, string path, HttpContent? content = null)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(method, path) { Content = content });
        var body = await response.Content.ReadAsStringAsync();
        Assert.IsTrue(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {body}");
        return (JsonObject)JsonNode.Parse(body)!;
    }

    private static async Task WaitAsync(HttpClient http, int app, string platform, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((string?)(await SendAsync(http, HttpMethod.Get, $"/api/v1/apps/{app}"))["status"]![platform] != state)
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, $"app {app} {platform} never became {state}");
            await Task.Delay(100);
        }
    }

    private static async Task<(Uri Location, byte[] Bytes)> DownloadAsync(HttpClient http, string path)
    {
        using var redirect = await http.GetAsync(path);
        Assert.AreEqual(HttpStatusCode.Found, redirect.StatusCode, await redirect.Content.ReadAsStringAsync());
        var location = redirect.Headers.Location!;
        using var storage = new HttpClient();
        return (location, await storage.GetByteArrayAsync(location));
    }

    private static MultipartFormDataContent Multipart(byte[] zip, string data)
    {
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return new MultipartFormDataContent { { file, "file", "app.zip" }, { new StringContent(data), "data" } };
    }

    private static FormUrlEncodedContent Form(string data) => new([KeyValuePair.Create("data", data)]);

    private static byte[] AppZip(string name)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string entry, byte[] content)
            {
                using var stream = zip.CreateEntry(entry).Open();
                stream.Write(content);
            }

            Add("index.html", "<html>kept</html>"u8.ToArray());
            Add("config.xml", Encoding.UTF8.GetBytes($"<widget id=\"com.example.kept\" version=\"1.0\"><name>{name} App</name><icon src=\"icon.png\"/></widget>"));
            Add("icon.png", [0x89, (byte)'P', (byte)'N', (byte)'G']);
        }

        return output.ToArray();
    }
}
