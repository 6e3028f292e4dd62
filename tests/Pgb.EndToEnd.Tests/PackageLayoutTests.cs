using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Pgb.EndToEnd.Tests;

/// <summary>The Pgb.Build.Tasks package as NuGet and MSBuild (.NET and .NET Framework) see it.</summary>
[TestClass]
public sealed class PackageLayoutTests
{
    private const string Tasks = "tasks/netstandard2.0/";

    [TestMethod]
    public void Package_CarriesTheSameMSBuildFilesForDirectTransitiveAndMultiTargetingImports()
    {
        using var package = OpenPackage();

        foreach (var file in new[] { "Pgb.Build.Tasks.props", "Pgb.Build.Tasks.targets" })
        {
            var contents = new[] { "build/", "buildTransitive/", "buildMultiTargeting/" }
                .Select(folder => package.GetEntry(folder + file) ?? throw new AssertFailedException($"{folder}{file} is missing from the package"))
                .Select(Read)
                .Distinct()
                .ToList();
            Assert.HasCount(1, contents, $"{file} differs between build/, buildTransitive/ and buildMultiTargeting/");
        }

        var stray = package.Entries.Select(e => e.FullName)
            .Where(name => name.StartsWith("build", StringComparison.Ordinal) && name.Count(c => c == '/') != 1)
            .ToList();
        Assert.IsEmpty(stray, "NuGet imports only <folder>/<id>.props|targets: " + string.Join(", ", stray));
    }

    [TestMethod]
    public void TasksFolder_HoldsEveryAssemblyTheTasksLoad_ButNotMSBuildItself()
    {
        using var package = OpenPackage();
        var shipped = package.Entries.Where(e => e.FullName.StartsWith(Tasks, StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal))
            .ToDictionary(e => Path.GetFileNameWithoutExtension(e.Name), ReadMetadata);
        Assert.IsTrue(shipped.ContainsKey("Pgb.Build.Tasks"), "the task assembly is missing");
        Assert.IsFalse(shipped.Keys.Any(name => name.StartsWith("Microsoft.Build", StringComparison.Ordinal)),
            "MSBuild's own assemblies must come from the running MSBuild, never from the package: " + string.Join(", ", shipped.Keys));

        // netstandard2.0 code references the framework through 'netstandard' alone; anything else (System.Memory,
        // System.Text.Json, Microsoft.Bcl.*...) is a package that .NET Framework MSBuild (Visual Studio) does not
        // have, so it must ship beside the task assembly.
        var missing = new List<string>();
        foreach (var (name, assembly) in shipped)
        {
            Assert.AreEqual(".NETStandard,Version=v2.0", assembly.TargetFramework ?? ".NETStandard,Version=v2.0", $"{name} must load in .NET and .NET Framework MSBuild");
            foreach (var reference in assembly.References)
            {
                if (reference.Name is "netstandard" || reference.Name.StartsWith("Microsoft.Build.", StringComparison.Ordinal))
                {
                    continue;
                }

                if (!shipped.TryGetValue(reference.Name, out var target))
                {
                    missing.Add($"{name} -> {reference.Name} {reference.Version}");
                }
                else if (target.Version < reference.Version)
                {
                    missing.Add($"{name} -> {reference.Name} {reference.Version} (ships {target.Version})");
                }
            }
        }

        Assert.IsEmpty(missing, "assemblies the tasks need that are not in " + Tasks + ":\n" + string.Join("\n", missing));
    }

    private static ZipArchive OpenPackage() =>
        ZipFile.OpenRead(Path.Combine(PackagedFeed.Feed, $"Pgb.Build.Tasks.{PackagedFeed.Version}.nupkg"));

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static AssemblyFacts ReadMetadata(ZipArchiveEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(buffer);
        }

        buffer.Position = 0;
        using var pe = new PEReader(buffer);
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(h => metadata.GetAssemblyReference(h))
            .Select(r => (Name: metadata.GetString(r.Name), r.Version)).ToList();
        string? framework = null;
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var type = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
            if (type.Kind != HandleKind.TypeReference || metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)type).Name) != "TargetFrameworkAttribute")
            {
                continue;
            }
            // The blob: prolog (2 bytes), then the framework name as a serialized string.
            var blob = metadata.GetBlobReader(attribute.Value);
            blob.ReadUInt16();
            framework = blob.ReadSerializedString();
        }

        return new AssemblyFacts(metadata.GetAssemblyDefinition().Version, references, framework);
    }

    private sealed record AssemblyFacts(Version Version, IReadOnlyList<(string Name, Version Version)> References, string? TargetFramework);
}
