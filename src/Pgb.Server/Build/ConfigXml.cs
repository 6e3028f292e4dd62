using System.Xml;
using System.Xml.Linq;

namespace Pgb.Server.Build;

/// <summary>What the server reads from a widget's config.xml: <c>&lt;widget id version&gt;</c>, <c>&lt;name&gt;</c>,
/// <c>&lt;description&gt;</c> and <c>&lt;icon src width&gt;</c>. Elements are matched by local name, so the W3C widget
/// namespace, no namespace and the gap: prefix all work.</summary>
internal sealed record ConfigXml(string? Name, string? Id, string? Version, string? Description, IReadOnlyList<ConfigIcon> Icons)
{
    /// <summary>Returns null for anything that is not a readable widget document (never throws: a bad config.xml is
    /// the build's problem, not the upload's).</summary>
    public static ConfigXml? TryParse(byte[] content)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new MemoryStream(content), settings);
            var root = XDocument.Load(reader).Root;
            if (root is null || root.Name.LocalName != "widget")
            {
                return null;
            }

            var icons = root.Elements()
                .Where(e => e.Name.LocalName == "icon" && !string.IsNullOrWhiteSpace((string?)e.Attribute("src")))
                .Select(e => new ConfigIcon(((string)e.Attribute("src")!).Trim(), int.TryParse((string?)e.Attribute("width"), out var w) ? w : null))
                .ToList();
            return new ConfigXml(
                Text(root.Elements().FirstOrDefault(e => e.Name.LocalName == "name")?.Value),
                Text((string?)root.Attribute("id")),
                Text((string?)root.Attribute("version")),
                Text(root.Elements().FirstOrDefault(e => e.Name.LocalName == "description")?.Value),
                icons);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>The Read API's "main icon": the biggest one config.xml lists (by width; the first when none has one).</summary>
    public ConfigIcon? MainIcon => Icons.OrderByDescending(i => i.Width ?? 0).FirstOrDefault();

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

internal sealed record ConfigIcon(string Src, int? Width);
