namespace Pgb.Server.Keys;

/// <summary>The key shapes of the Read and Write API (v1) and of v0, rendered from <see cref="KeyInfo"/> snapshots. None
/// holds a password: answers show only whether the key is <c>locked</c>.</summary>
internal static class KeyJson
{
    public static string Link(KeyInfo key) => $"/api/v1/keys/{key.Platform}/{key.Id}";

    /// <summary>GET /api/v1/keys/:platform/:id, and the entries of the listings and the POST/PUT answers.</summary>
    public static JsonObject Single(KeyInfo key)
    {
        var json = new JsonObject { ["id"] = key.Id, ["title"] = key.Title, ["default"] = key.Default };
        if (key.Platform == "ios")
        {
            json["cert_name"] = key.CertName;
            json["provision"] = key.Provision;
        }
        else if (key.Platform == "android")
        {
            json["alias"] = key.Alias;
        }

        json["link"] = Link(key);
        if (key.Platform == "ios")
        {
            json["role"] = key.Role;
        }

        json["locked"] = key.Locked;
        return json;
    }

    /// <summary>The groups of GET /api/v1/keys and of /me: every group the clients read, always present.</summary>
    public static JsonObject Groups(IReadOnlyList<KeyInfo> keys)
    {
        var groups = new JsonObject();
        foreach (var group in Platforms.KeyGroups)
        {
            var all = new JsonArray([.. keys.Where(k => k.Platform == KeyPlatforms.Group(group)).Select(k => (JsonNode)Single(k))]);
            groups[group] = new JsonObject { ["all"] = all, ["link"] = $"/api/v1/keys/{group}" };
        }

        return groups;
    }

    /// <summary>A key as an app's <c>keys</c> shows it (Write API create/update examples).</summary>
    public static JsonObject OfApp(string platform, int id, KeyInfo? key) => new()
    {
        // An id naming no key of the owner is echoed with a null title: the client still sees what it selected.
        ["title"] = key?.Title,
        ["default"] = key?.Default ?? false,
        ["id"] = id,
        ["link"] = $"/api/v1/keys/{platform}/{id}",
    };

    /// <summary>GET /api/v0/keys: the three platforms the v0 documentation lists, each a list of v0 entries.</summary>
    public static JsonObject V0Groups(IReadOnlyList<KeyInfo> keys)
    {
        var json = new JsonObject();
        foreach (var platform in new[] { "ios", "blackberry", "android" })
        {
            json[platform] = new JsonArray([.. keys.Where(k => k.Platform == platform).Select(k => (JsonNode)V0(k))]);
        }

        return json;
    }

    /// <summary>v0: <c>{"title","updated_at","id"}</c>, plus iOS's <c>cert_name</c> and <c>mobile_provision</c>.</summary>
    public static JsonObject V0(KeyInfo key)
    {
        var json = new JsonObject
        {
            ["title"] = key.Title,
            ["updated_at"] = key.UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["id"] = key.Id,
        };
        if (key.Platform == "ios")
        {
            json["cert_name"] = key.CertName;
            json["mobile_provision"] = key.Provision;
        }

        return json;
    }
}
