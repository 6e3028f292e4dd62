using System.Text;

namespace Pgb.Benchmarks;

/// <summary>
/// A synthetic Cordova www folder with a realistic mix: many small compressible text files (html, js,
/// css) and fewer incompressible binaries (images, fonts). Seeded, so every run measures the same bytes.
/// </summary>
internal sealed class WwwFixture : IDisposable
{
    public WwwFixture(int textFiles, int binaryFiles, int binaryBytes)
    {
        Root = Path.Combine(Path.GetTempPath(), "pgb-bench-" + Guid.NewGuid().ToString("N"));
        Www = Path.Combine(Root, "www");
        var random = new Random(20201001);
        for (var i = 0; i < textFiles; i++)
        {
            var folder = Path.Combine(Www, "js", "module" + (i % 16));
            Directory.CreateDirectory(folder);
            var text = new StringBuilder();
            for (var line = 0; line < 200; line++)
            {
                text.Append("function f").Append(i).Append('_').Append(line).Append("(a, b) { return a * ").Append(random.Next(1000)).AppendLine(" + b; }");
            }

            File.WriteAllText(Path.Combine(folder, $"file{i}.js"), text.ToString());
        }

        var images = Path.Combine(Www, "img");
        Directory.CreateDirectory(images);
        var bytes = new byte[binaryBytes];
        for (var i = 0; i < binaryFiles; i++)
        {
            random.NextBytes(bytes);
            File.WriteAllBytes(Path.Combine(images, $"image{i}.png"), bytes);
        }

        File.WriteAllText(Path.Combine(Www, "index.html"), "<!DOCTYPE html><html><body>bench</body></html>");
        ConfigXml = Path.Combine(Root, "config.xml");
        File.WriteAllText(ConfigXml, "<?xml version='1.0'?><widget id=\"com.example.bench\" version=\"1.0.0\"><name>Bench</name></widget>");
    }

    public string Root { get; }
    public string Www { get; }
    public string ConfigXml { get; }

    public string NewOutputPath(string name) => Path.Combine(Root, "out", Guid.NewGuid().ToString("N"), name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a benchmark run.
        }
    }
}
