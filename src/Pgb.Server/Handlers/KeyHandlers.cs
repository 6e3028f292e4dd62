using static Pgb.Server.Handlers.HandlerContext;

namespace Pgb.Server.Handlers;

/// <summary>/api/v1/keys (list, read, upload, unlock, delete) and v0's key listing and upload (the rules:
/// <see cref="KeyService"/>).</summary>
internal sealed class KeyHandlers(KeyService keys)
{
    public Task List(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            new JsonObject { ["keys"] = KeyJson.Groups(keys.List(Caller(context))), ["link"] = "/api/v1/keys" });

    public Task ListPlatform(HttpContext context)
    {
        var (group, listed) = keys.ListGroup(Caller(context), RouteString(context, "platform"));
        var all = new JsonArray([.. listed.Select(key => (JsonNode)KeyJson.Single(key))]);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["keys"] = all, ["link"] = $"/api/v1/keys/{group}" });
    }

    public Task Get(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK, KeyJson.Single(keys.Get(Caller(context), RouteString(context, "platform"), RouteString(context, "keyId"))));

    /// <summary>POST /api/v1/keys/:platform: 201 with the key.</summary>
    public async Task Add(HttpContext context)
    {
        var key = await keys.AddAsync(Caller(context), RouteString(context, "platform"), () => NewKeyAsync(context));
        await JsonResponses.WriteAsync(context, StatusCodes.Status201Created, KeyJson.Single(key));
    }

    /// <summary>PUT /api/v1/keys/:platform/:id: passwords, a new <c>title</c>, <c>lock: true</c>, or <c>default</c>.</summary>
    public async Task Update(HttpContext context)
    {
        var key = await keys.UpdateAsync(Caller(context), RouteString(context, "platform"), RouteString(context, "keyId"), () => KeyUpdateAsync(context));
        await JsonResponses.WriteAsync(context, StatusCodes.Status200OK, KeyJson.Single(key));
    }

    /// <summary>DELETE: 202 <c>{"success":"android key 8 deleted"}</c>.</summary>
    public Task Delete(HttpContext context)
    {
        var key = keys.Delete(Caller(context), RouteString(context, "platform"), RouteString(context, "keyId"));
        return JsonResponses.WriteAsync(context, StatusCodes.Status202Accepted, new JsonObject { ["success"] = $"{key.Platform} key {key.Id} deleted" });
    }

    public Task V0List(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK, KeyJson.V0Groups(keys.List(Caller(context))));

    public Task V0ListPlatform(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            new JsonArray([.. keys.ListGroup(Caller(context), RouteString(context, "platform")).Keys.Select(key => (JsonNode)KeyJson.V0(key))]));

    /// <summary>POST /api/v0/keys/:platform: the same upload, answered in v0's shape.</summary>
    public async Task V0Add(HttpContext context)
    {
        var key = await keys.AddAsync(Caller(context), RouteString(context, "platform"), () => NewKeyAsync(context));
        await JsonResponses.WriteAsync(context, StatusCodes.Status201Created, KeyJson.V0(key));
    }

    private static async Task<NewKey> NewKeyAsync(HttpContext context)
    {
        var data = await RequestData.ReadAsync(context);
        var files = new Dictionary<string, Upload>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in data.Files)
        {
            if (!files.ContainsKey(file.Name))
            {
                files[file.Name] = await ReadUploadAsync(file, context.RequestAborted);
            }
        }

        return new NewKey(data.GetString("title"), data.GetString("alias"), data.GetString("role"), KeyPasswords.Read(data.Fields),
            data.GetBool("lock") == true, files)
        { Default = data.GetBool("default") };
    }

    private static async Task<KeyUpdate> KeyUpdateAsync(HttpContext context)
    {
        var data = await RequestData.ReadAsync(context);
        return new KeyUpdate(data.GetString("title"), KeyPasswords.Read(data.Fields), data.GetBool("lock") == true) { Default = data.GetBool("default") };
    }
}
