using BenchmarkDotNet.Attributes;
using Pgb.Client;
using Pgb.Pipeline;
using Pgb.Server;

namespace Pgb.Benchmarks;

/// <summary>
/// The whole job against the bundled server on 127.0.0.1 with instant builds: what the pipeline itself
/// costs (package, upload, queue, poll, download), with the server's build time taken out.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private WwwFixture _www = null!;
    private PgbServer _server = null!;
    private PgbClient _client = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _www = new WwwFixture(textFiles: 500, binaryFiles: 50, binaryBytes: 200_000);
        _server = await PgbServer.StartAsync(new PgbServerOptions { BuildDuration = TimeSpan.Zero });
        _client = new PgbClient(_server.BaseUri, PgbCredential.FromToken(PgbAccount.Development.Token));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _www.Dispose();
    }

    [Benchmark(Description = "package, upload, build android+ios, wait, download")]
    public Task<PgbJobResult> RunJob()
    {
        var output = _www.NewOutputPath("pgb");
        return new PgbPipeline(_client).RunAsync(new PgbJob
        {
            Package = new PgbPackageRequest { WwwDirectory = _www.Www, ConfigXml = _www.ConfigXml, OutputPath = Path.Combine(output, "app.zip") },
            Upload = new PgbUploadRequest { CreateApp = true, AppIdFile = Path.Combine(_www.Root, "app-id.txt"), Title = "Bench" },
            Platforms = ["android", "ios"],
            Wait = new PgbWaitOptions { Timeout = TimeSpan.FromMinutes(1), PollInterval = TimeSpan.FromMilliseconds(50) },
            OutputDirectory = output,
            ArtifactName = "Bench",
        });
    }
}
