using Pgb.Demo;
using Pgb.Server;

// The main job end to end, offline, with the same commands a user types.
var repository = CommandRunner.FindRepositoryRoot(AppContext.BaseDirectory);
var feed = Path.Combine(repository, "artifacts", "feed");
var packages = Path.Combine(repository, "artifacts", "demo-packages");
var sample = Path.Combine(repository, "samples", "HelloCordova");
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

void Step(string text) => Console.WriteLine($"{Environment.NewLine}==> {text}");
void Show(string line) => Console.WriteLine("    " + line);

try
{
    Step("Packing Pgb.Build.Tasks and Pgb.Tool into " + Path.GetRelativePath(repository, feed));
    var pack = await CommandRunner.RunAsync("dotnet",
        ["pack", Path.Combine(repository, "nuget", "Pgb.Packages.proj"), "-c", "Release", "-nodeReuse:false", "-v:minimal", "-p:PackageOutputPath=" + feed + Path.DirectorySeparatorChar],
        repository, null, TimeSpan.FromMinutes(10), Show, cancel.Token);
    if (pack != 0)
    {
        return Fail("dotnet pack failed", 1);
    }

    // A fresh package folder, so the sample restores the package just packed, never a stale copy.
    if (Directory.Exists(packages))
    {
        Directory.Delete(packages, recursive: true);
    }

    Step("Starting the bundled PhoneGap-Build-compatible server (Pgb.Server) on 127.0.0.1");
    await using var server = await PgbServer.StartAsync(new PgbServerOptions
    {
        BuildDuration = TimeSpan.FromSeconds(3),
        Log = line => Show("server: " + line),
    }, cancel.Token);
    Show($"Listening on {server.BaseUri} with the development account '{PgbAccount.Development.UserName}' (its token goes to dotnet build in PGB_AUTH_TOKEN)");

    Step("dotnet build samples/HelloCordova (PgbEnabled=true): zip www -> upload -> build android, ios -> poll -> download");
    var build = await CommandRunner.RunAsync("dotnet",
        ["build", Path.Combine(sample, "HelloCordova.csproj"), "--no-incremental", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:PgbServerUrl=" + server.BaseUri.AbsoluteUri],
        sample,
        new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = packages,
            ["PGB_AUTH_TOKEN"] = PgbAccount.Development.Token,
        },
        TimeSpan.FromMinutes(10), Show, cancel.Token);
    if (build != 0)
    {
        return Fail("dotnet build failed", build);
    }

    Step("Artifacts");
    var output = Path.Combine(sample, "bin", "Debug", "net10.0", "pgb");
    foreach (var file in Directory.EnumerateFiles(output).Order(StringComparer.Ordinal))
    {
        Show($"{Path.GetRelativePath(repository, file)} ({new FileInfo(file).Length:N0} bytes)");
    }

    Console.WriteLine($"{Environment.NewLine}Done: the server handled {server.RequestCount} requests.");
    return 0;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    return Fail("canceled", 130);
}

static int Fail(string message, int code)
{
    Console.Error.WriteLine("demo: " + message);
    return code;
}
