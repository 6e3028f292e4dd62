using System.IO.Compression;
using System.Security;
using System.Text;
using System.Text.Json;

namespace Pgb.Server.Build;

/// <summary>Everything a simulated build's output depends on, captured when the build is queued. <see cref="SourceKey"/>
/// names the stored source the package is made from (null for builds recorded by servers of data format 1 and 2 whose
/// app has no source, such as a repository never fetched).</summary>
internal sealed record ArtifactSpec(
    int AppId,
    string Title,
    string Package,
    string Version,
    string Platform,
    int BuildNumber,
    string SourceSha256,
    string? Repo,
    bool Debug,
    string PhonegapVersion)
{
    public string? SourceKey { get; init; }

    /// <summary>The commit a repository-backed app's source was fetched at.</summary>
    public string? SourceCommit { get; init; }
}

/// <summary>Produces the "built" package: a real zip (apk, ipa and xap are zips; the other extensions get one too, so every
/// client can open what it downloads) laid out like the platform's package, holding what was built: the app's www under
/// <c>assets/www/</c> for android (with <c>AndroidManifest.xml</c> at the root), under <c>Payload/NAME.app/www/</c> for
/// ios (with <c>Info.plist</c>), under <c>www/</c> for the others; config.xml beside the www folder; and
/// <c>pgb-build.json</c>, what the build was made from. Which files are the www is <see cref="WwwLayout"/>'s rule
/// (<c>.pgbomit</c> folders included). Entries are sorted, stored uncompressed with a fixed timestamp, so the same spec and
/// source always give the same bytes. The source is read within the inspection budget it was accepted under.</summary>
internal static class ArtifactFactory
{
    public const string ManifestEntryName = "pgb-build.json";

    private static readonly DateTimeOffset FixedTimestamp = new(2010, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <param name="source">the stored source <paramref name="spec"/> names, or null when it names none.</param>
    /// <exception cref="BudgetExceededException">the source goes over <paramref name="limits"/> (it was accepted within them).</exception>
    /// <exception cref="InvalidDataException">the stored source cannot be read.</exception>
    public static byte[] Create(ArtifactSpec spec, byte[]? source, InspectionLimits limits)
    {
        var (wwwFolder, configFolder) = Folders(spec);
        var kind = source is null ? null : KindOf(source);
        using var zipSource = kind == SourceArchive.Zip ? new ZipArchive(new MemoryStream(source!, writable: false), ZipArchiveMode.Read) : null;
        var budget = new InspectionBudget(limits, "the app's source");
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (zipSource is not null)
        {
            var files = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            SourceArchive.ForEachZipFile(zipSource, (name, entry) => files.TryAdd(name, entry));
            var layout = WwwLayout.Find(files.Keys);
            foreach (var (name, entry) in files)
            {
                budget.CountEntry();
                if (Target(layout, name, wwwFolder, configFolder) is { } target)
                {
                    contents[target] = SourceArchive.Read(entry, budget, limits.MaxInflatedBytes, name);
                }
            }
        }
        else if (kind == SourceArchive.TarGz)
        {
            var names = new List<string>();
            SourceArchive.ForEachTarFile(source!, new InspectionBudget(limits, "the app's source"), tar =>
            {
                names.Add(WwwLayout.Normalize(tar.Name));
                return false;
            });
            var layout = WwwLayout.Find(names);
            SourceArchive.ForEachTarFile(source!, budget, tar =>
            {
                var name = WwwLayout.Normalize(tar.Name);
                if (Target(layout, name, wwwFolder, configFolder) is { } target)
                {
                    contents.TryAdd(target, tar.ReadContent(limits.MaxInflatedBytes, name));
                }

                return false;
            });
        }
        else if (source is not null)
        {
            contents[wwwFolder + "index.html"] = source;
        }

        contents[ManifestEntryName] = Manifest(spec);
        if (Descriptor(spec) is var (descriptor, text))
        {
            contents[descriptor] = Encoding.UTF8.GetBytes(text);
        }

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            foreach (var (entryName, content) in contents.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry(entryName, CompressionLevel.NoCompression);
                entry.LastWriteTime = FixedTimestamp;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }

    /// <summary>A zip or a tar.gz by its first bytes, else a lone index.html: a source accepted by a server of data format 1
    /// or 2 may be neither, and is packaged as it was taken.</summary>
    private static string KindOf(byte[] source) =>
        source is [(byte)'P', (byte)'K', 3 or 5, 4 or 6, ..] ? SourceArchive.Zip
        : source is [0x1f, 0x8b, ..] ? SourceArchive.TarGz
        : SourceArchive.Html;

    /// <summary>Where the www and config.xml go: android <c>assets/</c>, ios <c>Payload/NAME.app/</c>, the others the root.</summary>
    private static (string Www, string Config) Folders(ArtifactSpec spec)
    {
        var folder = spec.Platform switch
        {
            "android" => "assets/",
            "ios" => $"Payload/{FileNames.Sanitize(spec.Title)}.app/",
            _ => string.Empty,
        };
        return (folder + "www/", folder);
    }

    private static string? Target(WwwLayout layout, string name, string wwwFolder, string configFolder) =>
        name == layout.ConfigPath ? configFolder + WwwLayout.ConfigFileName
        : layout.InWww(name) is { } relative ? wwwFolder + relative
        : null;

    /// <summary>A readable stand-in for the platform's own descriptor (not the compiled form a device reads).</summary>
    private static (string Name, string Text)? Descriptor(ArtifactSpec spec) => spec.Platform switch
    {
        "android" => ("AndroidManifest.xml", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <!-- Pgb.Server simulated build: a readable stand-in, not a compiled manifest. -->
            <manifest xmlns:android="http://schemas.android.com/apk/res/android" package="{Xml(spec.Package)}" android:versionName="{Xml(spec.Version)}" android:versionCode="{spec.BuildNumber}" />

            """),
        "ios" => ($"Payload/{FileNames.Sanitize(spec.Title)}.app/Info.plist", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Pgb.Server simulated build: a readable stand-in, not a signed bundle. -->
            <plist version="1.0">
            <dict>
              <key>CFBundleIdentifier</key><string>{Xml(spec.Package)}</string>
              <key>CFBundleName</key><string>{Xml(spec.Title)}</string>
              <key>CFBundleShortVersionString</key><string>{Xml(spec.Version)}</string>
              <key>CFBundleVersion</key><string>{spec.BuildNumber}</string>
            </dict>
            </plist>

            """),
        _ => null,
    };

    private static string Xml(string text) => SecurityElement.Escape(text);

    private static byte[] Manifest(ArtifactSpec spec)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("appId", spec.AppId);
            json.WriteString("title", spec.Title);
            json.WriteString("package", spec.Package);
            json.WriteString("version", spec.Version);
            json.WriteString("platform", spec.Platform);
            json.WriteNumber("buildNumber", spec.BuildNumber);
            json.WriteString("sourceSha256", spec.SourceSha256);
            if (spec.Repo is not null)
            {
                json.WriteString("repo", spec.Repo);
            }

            if (spec.SourceCommit is not null)
            {
                json.WriteString("commit", spec.SourceCommit);
            }

            json.WriteBoolean("debug", spec.Debug);
            json.WriteString("phonegapVersion", spec.PhonegapVersion);
            json.WriteString("generator", "Pgb.Server (simulated build)");
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
