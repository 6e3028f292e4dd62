using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Xml.Linq;

namespace Pgb.EndToEnd.Tests;

/// <summary>
/// What NuGet.org, a package browser and a debugger read from the packages: license, readme, icon, tags and the
/// repository in the nuspec; symbols embedded in our assemblies, with deterministic paths and Source Link to the
/// commit they were built from (the feed is packed from a clean checkout with CI=true, see <see cref="PackagedFeed"/>).
/// </summary>
[TestClass]
public sealed class PackageMetadataTests
{
    /// <summary>Source Link's entry in a portable PDB's CustomDebugInformation (the Portable PDB specification).</summary>
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [TestMethod]
    [DataRow("Pgb.Build.Tasks")]
    [DataRow("Pgb.Tool")]
    public void Nuspec_HasLicenseReadmeIconTagsAndTheRepositoryCommit(string id)
    {
        using var package = OpenPackage(id);
        var metadata = ReadNuspec(package);

        Assert.AreEqual("MIT", Element(metadata, "license").Value);
        Assert.AreEqual("expression", Element(metadata, "license").Attribute("type")?.Value);
        Assert.IsNotEmpty(Element(metadata, "description").Value.Trim());
        Assert.IsGreaterThanOrEqualTo(3, Element(metadata, "tags").Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, "tags let a search find the package");

        var readme = package.GetEntry(Element(metadata, "readme").Value);
        Assert.IsNotNull(readme, "the readme the nuspec names is not in the package");
        Assert.IsGreaterThan(200, readme.Length, "the readme is a stub");

        var icon = package.GetEntry(Element(metadata, "icon").Value);
        Assert.IsNotNull(icon, "the icon the nuspec names is not in the package");
        using (var stream = icon.Open())
        {
            var signature = new byte[8];
            stream.ReadExactly(signature);
            CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, signature, "the icon is not a PNG");
        }

        var repository = Element(metadata, "repository");
        Assert.AreEqual("git", repository.Attribute("type")?.Value);
        Assert.AreEqual(CleanCheckout.RemoteUrl, repository.Attribute("url")?.Value);
        Assert.AreEqual(PackagedFeed.Commit, repository.Attribute("commit")?.Value, "the nuspec must name the commit the package was built from");
    }

    [TestMethod]
    [DataRow("Pgb.Build.Tasks", "tasks/netstandard2.0/", new[] { "Pgb.Build.Tasks", "Pgb.Pipeline", "Pgb.Client" })]
    [DataRow("Pgb.Tool", "tools/net10.0/any/", new[] { "pgb", "Pgb.Pipeline", "Pgb.Client", "Pgb.Server" })]
    public void OurAssemblies_EmbedDeterministicSymbolsWithSourceLinkToTheCommit(string id, string folder, string[] assemblies)
    {
        using var package = OpenPackage(id);
        var pdbs = package.Entries.Where(e => e.FullName.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase)).Select(e => e.FullName).ToList();
        Assert.IsEmpty(pdbs, "symbols are embedded in the assemblies, not shipped beside them: " + string.Join(", ", pdbs));

        foreach (var name in assemblies)
        {
            var entry = package.GetEntry(folder + name + ".dll") ?? throw new AssertFailedException($"{folder}{name}.dll is missing from {id}");
            var (documents, sourceLink) = ReadEmbeddedSymbols(entry);

            var undeterministic = documents.Where(d => !d.StartsWith("/_/", StringComparison.Ordinal)).ToList();
            Assert.IsEmpty(undeterministic, $"{name}: a CI build maps source paths to /_/ (ContinuousIntegrationBuild); found " + string.Join(", ", undeterministic.Take(3)));

            Assert.IsNotNull(sourceLink, $"{name} has no Source Link in its symbols");
            using var json = JsonDocument.Parse(sourceLink);
            var target = json.RootElement.GetProperty("documents").GetProperty("/_/*").GetString();
            Assert.AreEqual($"https://raw.githubusercontent.com/pgb-build/pgb-build-tasks/{PackagedFeed.Commit}/*", target, $"{name}: Source Link must map the sources to the commit on GitHub");
        }
    }

    [TestMethod]
    public void Tool_RollsForwardToNewerMajorRuntimes()
    {
        using var package = OpenPackage("Pgb.Tool");
        var entry = package.GetEntry("tools/net10.0/any/pgb.runtimeconfig.json") ?? throw new AssertFailedException("the tool's runtimeconfig.json is missing");
        using var stream = entry.Open();
        using var json = JsonDocument.Parse(stream);

        Assert.AreEqual("Major", json.RootElement.GetProperty("runtimeOptions").GetProperty("rollForward").GetString(),
            "a machine with only a later .NET runtime must still run pgb");
    }

    private static ZipArchive OpenPackage(string id) =>
        ZipFile.OpenRead(Path.Combine(PackagedFeed.Feed, $"{id}.{PackagedFeed.Version}.nupkg"));

    private static XElement ReadNuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static XElement Element(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name) ?? throw new AssertFailedException($"the nuspec has no <{name}>");

    /// <summary>The source documents and the Source Link JSON of the portable PDB embedded in an assembly.</summary>
    private static (IReadOnlyList<string> Documents, string? SourceLink) ReadEmbeddedSymbols(ZipArchiveEntry assembly)
    {
        using var buffer = new MemoryStream();
        using (var stream = assembly.Open())
        {
            stream.CopyTo(buffer);
        }

        buffer.Position = 0;
        using var pe = new PEReader(buffer);
        var embedded = pe.ReadDebugDirectory().Where(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb).ToList();
        Assert.HasCount(1, embedded, $"{assembly.FullName} has no embedded portable PDB (DebugType embedded)");
        using var provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded[0]);
        var pdb = provider.GetMetadataReader();

        var documents = pdb.Documents.Select(h => pdb.GetString(pdb.GetDocument(h).Name)).ToList();
        string? sourceLink = null;
        foreach (var handle in pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            var information = pdb.GetCustomDebugInformation(handle);
            if (pdb.GetGuid(information.Kind) == SourceLinkKind)
            {
                sourceLink = System.Text.Encoding.UTF8.GetString(pdb.GetBlobBytes(information.Value));
            }
        }

        return (documents, sourceLink);
    }
}
