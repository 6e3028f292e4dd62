namespace Pgb.Server.Handlers;

/// <summary>Turns an app write request, however the client sent its fields (<see cref="RequestData"/>), into the app
/// service's terms. The formats of fields are checked here (a boolean that is not one, a <c>keys</c> entry that is not a
/// key id: 400), in the order the Write API lists them; what the values mean is for the service to decide.</summary>
internal static class AppRequestReader
{
    public static async Task<NewApp> NewAppAsync(HttpContext context)
    {
        var data = await RequestData.ReadAsync(context);
        var file = data.File("file");
        var upload = file is null ? null : await HandlerContext.ReadUploadAsync(file, context.RequestAborted);
        return new NewApp(data.GetString("create_method"), upload, data.GetString("repo") ?? data.GetString("repo_url"), data.GetList("platforms"), Edits(data));
    }

    public static async Task<AppUpdate> UpdateAsync(HttpContext context)
    {
        var data = await RequestData.ReadAsync(context);
        var file = data.File("file");
        var pull = data.GetBool("pull") == true;
        var upload = file is null ? null : await HandlerContext.ReadUploadAsync(file, context.RequestAborted);
        return new AppUpdate(upload, pull, data.GetString("repo"), Edits(data));
    }

    /// <summary>POST .../icon: the png as <c>icon</c> (v0 called it <c>file</c>), or null when neither part was sent;
    /// 400 when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<Upload?> IconAsync(HttpContext context, long maxBytes)
    {
        var data = await RequestData.ReadAsync(context);
        return data.File("icon", "file") is { } file ? await HandlerContext.ReadUploadAsync(file, maxBytes, "the icon", context.RequestAborted) : null;
    }

    /// <summary>POST .../build: the <c>platforms</c> asked for (<c>["android"]</c> or <c>"android,ios"</c>), if any.</summary>
    public static async Task<IReadOnlyList<string>?> PlatformsAsync(HttpContext context) =>
        (await RequestData.ReadAsync(context)).GetList("platforms");

    private static AppEdits Edits(RequestData data) => new()
    {
        Title = data.GetString("title") is { } title && !string.IsNullOrWhiteSpace(title) ? title.Trim() : null,
        Package = Text(data, "package"),
        Version = Text(data, "version"),
        Description = Text(data, "description"),
        PhonegapVersion = Text(data, "phonegap_version"),
        Debug = data.GetBool("debug"),
        Private = data.GetBool("private"),
        Hydrates = data.GetBool("hydrates"),
        Keys = Keys(data),
        Tag = Text(data, "tag"),
        Share = data.GetBool("share"),
        PlatformPhonegapVersions = PlatformPhonegapVersions(data),
    };

    /// <summary>pgb-cli's <c>android_phonegap_version</c>, <c>ios_phonegap_version</c>, <c>winphone_phonegap_version</c>
    /// (and <c>windows_</c>'s, as winphone), and the same for every other platform.</summary>
    private static Dictionary<string, TextEdit>? PlatformPhonegapVersions(RequestData data)
    {
        Dictionary<string, TextEdit>? versions = null;
        foreach (var name in Platforms.All.Append("windows"))
        {
            if (Text(data, name + "_phonegap_version") is { } version && Platforms.TryNormalize(name, out var platform))
            {
                (versions ??= new(StringComparer.Ordinal))[platform] = version;
            }
        }

        return versions;
    }

    private static TextEdit? Text(RequestData data, string name) =>
        data.Has(name) ? new TextEdit(data.GetString(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null) : null;

    /// <summary><c>keys</c>: per platform an id (<c>"ios":123</c>), an object with <c>id</c> and passwords, or null to
    /// select none. Entries of platforms the API does not know are ignored. The service never checked passwords given
    /// here: a wrong one showed only when a build used the key.</summary>
    private static List<KeySelection>? Keys(RequestData data)
    {
        if (data.Fields["keys"] is not JsonObject keys)
        {
            return null;
        }

        var selections = new List<KeySelection>();
        foreach (var (name, value) in keys)
        {
            if (!Platforms.TryNormalize(name, out var platform))
            {
                continue;
            }

            var idNode = value is JsonObject withId ? withId["id"] : value;
            if (idNode is null)
            {
                selections.Add(new KeySelection(platform, null, null));
            }
            else if (idNode is JsonValue idValue && (idValue.TryGetValue<int>(out var id) || (idValue.TryGetValue<string>(out var text) && int.TryParse(text, out id))))
            {
                // Hashed here, before any lock: a tenth of a second apiece.
                selections.Add(new KeySelection(platform, id, value is JsonObject entry ? KeyPasswords.Hash(KeyPasswords.For(platform, KeyPasswords.Read(entry))) : null));
            }
            else
            {
                throw ServerErrors.InvalidKeySelection(name);
            }
        }

        return selections;
    }
}
