using System.Text.RegularExpressions;

namespace Pgb.Build.Tasks.Tests;

/// <summary>
/// docs/msbuild.md is the reference of what build/ defines: every public property has a row in its table and an
/// entry of its own, every public target is named, and nothing is documented that the build files do not have.
/// </summary>
[TestClass]
public sealed partial class MSBuildDocsTests
{
    private static readonly Lazy<string> Docs = new(() => File.ReadAllText(RepositoryFiles.Path("docs", "msbuild.md")));

    private static readonly Lazy<string> BuildFiles = new(() =>
        string.Join("\n", Directory.GetFiles(RepositoryFiles.Path("build")).Select(File.ReadAllText)));

    [TestMethod]
    public void EveryPublicProperty_HasATableRowAndAnEntry()
    {
        var properties = PropertyUse().Matches(BuildFiles.Value).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        Assert.IsGreaterThan(15, properties.Count, "the build files' properties were not found: " + string.Join(", ", properties));

        var section = Section("Properties");
        var rows = TableRow().Matches(section).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        var entries = Entry().Matches(section).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        CollectionAssert.AreEquivalent(properties.Order().ToList(), rows.Order().ToList(), "the 'at a glance' table of docs/msbuild.md");
        CollectionAssert.AreEquivalent(properties.Order().ToList(), entries.Order().ToList(), "the '### Property' entries of docs/msbuild.md");
    }

    [TestMethod]
    public void EveryPublicItem_HasAnEntry()
    {
        var items = PublicItem().Matches(BuildFiles.Value).Select(m => m.Groups["name"].Value).Distinct().ToList();
        Assert.Contains("PgbArtifact", items);

        var section = Section("Items");
        var missing = items.Where(i => !section.Contains($"\n### @({i})\n", StringComparison.Ordinal)).ToList();
        Assert.IsEmpty(missing, "public items without a '### @(Item)' entry in docs/msbuild.md: " + string.Join(", ", missing));
    }

    [TestMethod]
    public void EveryPublicTarget_IsNamedInTheDocs()
    {
        var targets = PublicTarget().Matches(BuildFiles.Value).Select(m => m.Groups["name"].Value).ToList();
        Assert.Contains("PgbBuild", targets);
        Assert.Contains("PgbWaitForBuild", targets);

        var missing = targets.Where(t => !Docs.Value.Contains($"`{t}`", StringComparison.Ordinal)).ToList();
        Assert.IsEmpty(missing, "public targets missing from docs/msbuild.md: " + string.Join(", ", missing));
    }

    /// <summary>The text of one <c>## Title</c> section of docs/msbuild.md, up to the next.</summary>
    private static string Section(string title)
    {
        var start = Docs.Value.IndexOf($"\n## {title}\n", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, $"docs/msbuild.md has no '## {title}' section");
        var end = Docs.Value.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? Docs.Value[start..] : Docs.Value[start..end];
    }

    /// <summary>$(PgbName) in the build files: the public properties (private ones start with _Pgb).</summary>
    [GeneratedRegex(@"\$\((?<name>Pgb[A-Za-z]+)\)")]
    private static partial Regex PropertyUse();

    [GeneratedRegex(@"^\| `(?<name>Pgb[A-Za-z]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^### (?<name>Pgb[A-Za-z]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Entry();

    /// <summary>Items the targets give the project (private ones start with _Pgb).</summary>
    [GeneratedRegex(@"ItemName=""(?<name>Pgb[A-Za-z]+)""")]
    private static partial Regex PublicItem();

    [GeneratedRegex(@"<Target Name=""(?<name>Pgb[A-Za-z]+)""")]
    private static partial Regex PublicTarget();
}
