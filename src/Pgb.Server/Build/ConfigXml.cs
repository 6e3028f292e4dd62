using System.Text;
using System.Xml;

namespace Pgb.Server.Build;

/// <summary>What the server reads from a widget's config.xml: <c>&lt;widget id version&gt;</c>, <c>&lt;name&gt;</c>,
/// <c>&lt;description&gt;</c> and <c>&lt;icon src width&gt;</c>. Elements are matched by local name, so the W3C widget
/// namespace, no namespace and the gap: prefix all work.</summary>
internal sealed record ConfigXml(string? Name, string? Id, string? Version, string? Description, IReadOnlyList<ConfigIcon> Icons)
{
    /// <summary>Reads the document in one forward pass (no tree, no recursion: the depth of the nesting costs nothing
    /// but the check against <see cref="InspectionLimits.MaxXmlDepth"/>). Returns null for anything that is not a
    /// readable widget document: a bad config.xml is the build's problem, not the upload's.</summary>
    /// <exception cref="BudgetExceededException">the document is larger or deeper than the limits allow.</exception>
    public static ConfigXml? TryParse(byte[] content, InspectionLimits limits, string path = "config.xml")
    {
        if (content.Length > limits.MaxConfigXmlBytes)
        {
            throw InspectionBudget.TooLarge(path, limits.MaxConfigXmlBytes);
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersFromEntities = 0,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content, writable: false), settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "widget")
            {
                return null;
            }

            var id = Text(reader.GetAttribute("id"));
            var version = Text(reader.GetAttribute("version"));
            var icons = new List<ConfigIcon>();
            StringBuilder? name = null;
            StringBuilder? description = null;
            StringBuilder? collecting = null;
            var isEmpty = reader.IsEmptyElement;
            while (!isEmpty && reader.Read())
            {
                switch (reader.NodeType)
                {
                    // Depth counts from 0 at the widget element, which is level 1.
                    case XmlNodeType.Element when reader.Depth >= limits.MaxXmlDepth:
                        throw new BudgetExceededException(string.Create(CultureInfo.InvariantCulture,
                            $"{path} nests elements more than {limits.MaxXmlDepth} levels deep"));
                    case XmlNodeType.Element when reader.Depth == 1:
                        if (reader.LocalName == "icon" && Text(reader.GetAttribute("src")) is { } src)
                        {
                            icons.Add(new ConfigIcon(src, int.TryParse(reader.GetAttribute("width"), out var width) ? width : null));
                        }
                        else if ((reader.LocalName == "name" && name is null) || (reader.LocalName == "description" && description is null))
                        {
                            // The first such element counts, its text collected up to its end tag.
                            var text = new StringBuilder();
                            if (reader.LocalName == "name")
                            {
                                name = text;
                            }
                            else
                            {
                                description = text;
                            }

                            collecting = reader.IsEmptyElement ? null : text;
                        }

                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        // All the text inside the element, nested or not, as XElement.Value gives it.
                        collecting?.Append(reader.Value);
                        break;
                    case XmlNodeType.EndElement when reader.Depth == 1:
                        collecting = null;
                        break;
                }
            }

            return new ConfigXml(Text(name?.ToString()), id, version, Text(description?.ToString()), icons);
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
