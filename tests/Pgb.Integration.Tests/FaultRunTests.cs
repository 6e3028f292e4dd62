using System.Security.Cryptography;
using Pgb.Testing;

namespace Pgb.Integration.Tests;

/// <summary>
/// Whole pipeline runs (package, upload, queue, wait, download of five platforms) against Pgb.Server's own fault
/// injection (PgbSimulation.Faults) at 15% and 30% of requests, on many seeds: 502, 503 and 429 with Retry-After, 504,
/// latency, dropped connections and storage bodies cut anywhere. Every run ends with the same bytes as a run without
/// faults. The client keeps its default retry count (3 in a row); the faults keep to what that promises to survive:
/// never more than 3 failures in a row within one call (a download counts its location requests and its package's).
/// </summary>
[TestClass]
public sealed class FaultRunTests
{
    private static readonly string[] Platforms = ["android", "blackberry", "symbian", "webos", "winphone"];

    /// <summary>The artifacts of a run without faults, by platform: what every faulty run must reproduce byte for byte.</summary>
    private static readonly Lazy<Task<IReadOnlyDictionary<string, byte[]>>> Reference = new(() => ReferenceRunAsync());

    private const int Seeds = 16;

    /// <summary>
    /// One test per rate, its seeds in a loop: a single run may draw no fault at all (a run sends about fifteen requests), so
    /// what must hold is that every run ends with the same bytes and that the runs together met many faults.
    /// </summary>
    [TestMethod]
    [DataRow(0.15)]
    [DataRow(0.30)]
    public async Task Runs_UnderInjectedFaults_GiveByteIdenticalArtifacts_OnEverySeed(double rate)
    {
        var expected = await Reference.Value;
        var injected = 0;
        for (var seed = 1; seed <= Seeds; seed++)
        {
            using var temp = new TempDirectory();
            IReadOnlyList<PgbArtifact> artifacts;
            IReadOnlyList<string> faults;
            try
            {
                (artifacts, faults) = await RunAsync(temp, rate, seed).WaitAsync(TimeSpan.FromMinutes(2));
            }
            catch (Exception ex) when (ex is PgbException or TimeoutException)
            {
                throw new AssertFailedException($"rate {rate}, seed {seed}: {ex.Message}", ex);
            }

            injected += faults.Count;
            foreach (var platform in Platforms)
            {
                var artifact = artifacts.Single(a => a.Platform == platform);
                var bytes = await File.ReadAllBytesAsync(artifact.Path);
                CollectionAssert.AreEqual(expected[platform], bytes, $"rate {rate}, seed {seed}: {platform} differs after {string.Join(", ", faults)}");
                Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(bytes)), artifact.Sha256);
            }

            CollectionAssert.AreEquivalent(
                artifacts.Select(a => Path.GetFileName(a.Path)).ToArray(),
                Directory.GetFiles(temp.Combine("out")).Select(Path.GetFileName).ToArray(),
                $"rate {rate}, seed {seed}: no .partial file is left by the cut downloads");
        }

        Assert.IsGreaterThanOrEqualTo(Seeds * rate * 5, injected, "the runs met too few faults to show anything");
    }

    private static async Task<IReadOnlyDictionary<string, byte[]>> ReferenceRunAsync()
    {
        using var temp = new TempDirectory();
        var (artifacts, _) = await RunAsync(temp, rate: 0, seed: 0);
        return artifacts.ToDictionary(a => a.Platform, a => File.ReadAllBytes(a.Path));
    }

    /// <summary>One run on a server of its own (so app ids and build numbers, which the packages hold, are the same in every run).</summary>
    private static async Task<(IReadOnlyList<PgbArtifact> Artifacts, IReadOnlyList<string> Injected)> RunAsync(TempDirectory temp, double rate, int seed)
    {
        await using var server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.FromMilliseconds(100) });
        var appId = await FaultTestKit.CreateAppAsync(server, temp.Path);
        var faults = new FaultSchedule(server.Simulation.Faults, rate, seed);
        var options = new PgbClientOptions
        {
            Handler = faults,
            Retry = { Delay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        using var client = new PgbClient(server.BaseUri, PgbCredential.FromToken(PgbAccount.Development.Token), options);
        var job = new PgbJob
        {
            Package = new PgbPackageRequest { WwwDirectory = temp.Combine("www"), OutputPath = temp.Combine("obj", "app.zip") },
            Upload = new PgbUploadRequest { AppId = appId },
            Platforms = Platforms,
            Wait = new PgbWaitOptions { PollInterval = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromSeconds(60) },
            OutputDirectory = temp.Combine("out"),
        };

        var result = await new PgbPipeline(client).RunAsync(job);
        return (result.Artifacts, faults.Injected);
    }

    /// <summary>
    /// Plans a one-time fault on the server for a share of the requests the client sends, just before it sends them, so
    /// each fault hits exactly that request. Seeded: a seed gives the same faults for the same requests.
    /// </summary>
    private sealed class FaultSchedule(PgbFaultPlan plan, double rate, int seed)
        : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        /// <summary>The client's default retry count: more failures in a row than that fail a run by design.</summary>
        private static readonly int MaxInARow = new PgbRetryOptions().MaxRetries;

        private readonly Random _random = new(seed);
        private readonly List<string> _injected = [];
        private readonly Dictionary<string, int> _inARow = [];

        public IReadOnlyList<string> Injected
        {
            get
            {
                lock (_injected)
                {
                    return [.. _injected];
                }
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var method = request.Method.Method;
            var path = request.RequestUri!.AbsolutePath;
            var call = CallOf(method, path);
            lock (_injected)
            {
                var inARow = _inARow.GetValueOrDefault(call);
                if (inARow < MaxInARow && _random.NextDouble() < rate)
                {
                    var fault = Plan(method, path);
                    _injected.Add($"{method} {path}: {fault}");
                    _inARow[call] = fault == "latency" ? inARow : inARow + 1;
                }
                else if (!IsLocation(path))
                {
                    // A download's failures in a row go on through the location requests between them: only the
                    // package itself arriving ends them, as the client's retry budget counts them.
                    _inARow[call] = 0;
                }
            }

            return base.SendAsync(request, cancellationToken);
        }

        /// <summary>The client call a request belongs to: a download is its location and its package, keyed by platform.</summary>
        private static string CallOf(string method, string path)
        {
            if (path.StartsWith("/storage/", StringComparison.Ordinal))
            {
                var file = Path.GetFileNameWithoutExtension(path);
                return "download " + file[(file.LastIndexOf('-') + 1)..];
            }

            return IsLocation(path) ? "download " + path[(path.LastIndexOf('/') + 1)..] : method + " " + path;
        }

        /// <summary><c>GET /api/v1/apps/:id/:platform</c>.</summary>
        private static bool IsLocation(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["api", "v1", "apps", _, _];

        private string Plan(string method, string path)
        {
            var storage = path.StartsWith("/storage/", StringComparison.Ordinal);
            switch (_random.Next(storage ? 4 : 6))
            {
                case 0:
                    plan.AddAbort(method, path);
                    return "abort";
                case 1:
                    plan.AddLatency(method, path, TimeSpan.FromMilliseconds(100));
                    return "latency";
                case 2:
                    plan.AddStatus(method, path, 503, retryAfterSeconds: _random.Next(2));
                    return "503";
                case 3 when storage:
                    var cut = _random.Next(400);
                    plan.AddBodyCut(path, cut);
                    return $"cut after {cut}";
                case 3:
                    plan.AddStatus(method, path, 502);
                    return "502";
                case 4:
                    plan.AddStatus(method, path, 504);
                    return "504";
                default:
                    plan.AddStatus(method, path, 429, retryAfterSeconds: 1);
                    return "429";
            }
        }
    }
}
