using System.IO.Compression;
using System.Text;

namespace Pgb.Testing;

/// <summary>Zip archives built in memory, as apps to upload.</summary>
public static class Zips
{
    public static byte[] Create(params (string Name, byte[] Content)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }

    /// <summary>index.html plus, when <paramref name="configName"/> is given, a config.xml at the root naming the app.</summary>
    public static byte[] App(string? configName, string? icon = null)
    {
        var entries = new List<(string, byte[])> { ("index.html", "<html><body>hi</body></html>"u8.ToArray()) };
        if (configName is not null)
        {
            entries.Add(("config.xml", Encoding.UTF8.GetBytes(ConfigXml(configName, icon))));
        }

        if (icon is not null)
        {
            entries.Add((icon, [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]));
        }

        return Create([.. entries]);
    }

    public static string ConfigXml(string name, string? icon = null) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <widget xmlns="http://www.w3.org/ns/widgets" id="com.example.{name.ToLowerInvariant().Replace(' ', '.')}" version="1.2.3">
          <name>{name}</name>
          <description>From config.xml</description>
          {(icon is null ? string.Empty : $"<icon src=\"{icon}\" width=\"96\" />")}
        </widget>
        """;
}
