using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Pgb.Pipeline;

namespace Pgb.Benchmarks;

/// <summary>
/// Packaging a www folder: PgbPackager (deterministic: sorted entries, fixed times) against Info-ZIP's
/// <c>zip -r -X</c>, the tool the old shell-based workflows used. zip must be on PATH for the baseline.
/// </summary>
[MemoryDiagnoser]
public class PackagingBenchmarks
{
    private WwwFixture _www = null!;

    /// <summary>Small apps, and apps with many assets.</summary>
    [Params(200, 2000)]
    public int TextFiles { get; set; }

    [GlobalSetup]
    public void Setup() => _www = new WwwFixture(TextFiles, binaryFiles: TextFiles / 10, binaryBytes: 200_000);

    [GlobalCleanup]
    public void Cleanup() => _www.Dispose();

    [Benchmark(Baseline = true, Description = "zip -r -X")]
    public void ZipCommand()
    {
        var output = _www.NewOutputPath("app.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var start = new ProcessStartInfo("zip", ["-r", "-X", "-q", output, "."]) { WorkingDirectory = _www.Www };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("zip did not start");
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("zip took more than 5 minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("zip exited with " + process.ExitCode);
        }
    }

    [Benchmark(Description = "PgbPackager")]
    public Task<PgbPackageResult> Packager() => PgbPackager.PackageAsync(new PgbPackageRequest
    {
        WwwDirectory = _www.Www,
        ConfigXml = _www.ConfigXml,
        OutputPath = _www.NewOutputPath("app.zip"),
    });
}
