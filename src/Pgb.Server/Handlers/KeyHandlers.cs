using System.Globalization;
using System.Text.Json.Nodes;
using Pgb.Server.Errors;
using Pgb.Server.Hosting;
using Pgb.Server.Http;
using Pgb.Server.Keys;
using Pgb.Server.Model;
using Pgb.Server.Middleware;

namespace Pgb.Server.Handlers;

/// <summary>/api/v1/keys (list, read, upload, unlock, delete) and v0's key listing and upload. Key files are read to
/// check they were sent and then dropped: the simulation signs nothing, so keeping private keys would only be a
/// liability. Passwords go into the key and nowhere else (not into answers, errors or the log).</summary>
internal sealed class KeyHandlers(ServerState state)
{
    public Task List(HttpContext context)
    {
        JsonObject groups;
        lock (state.Keys.Gate)
        {
            groups = KeyJson.Groups(state.Keys.List(AuthMiddleware.Account(context).Id));
        }

        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["keys"] = groups, ["link"] = "/api/v1/keys" });
    }

    public Task ListPlatform(HttpContext context)
    {
        var group = Group(context);
        var all = new JsonArray();
        lock (state.Keys.Gate)
        {
            foreach (var key in state.Keys.List(AuthMiddleware.Account(context).Id, group))
            {
                all.Add(KeyJson.Single(key));
            }
        }

        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["keys"] = all, ["link"] = $"/api/v1/keys/{group}" });
    }

    public Task Get(HttpContext context)
    {
        var key = Find(context);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, Render(key, KeyJson.Single));
    }

    /// <summary>POST /api/v1/keys/:platform: 201 with the key, <c>locked</c> unless every password came along.</summary>
    public async Task Add(HttpContext context)
    {
        var key = await UploadAsync(context);
        await JsonResponses.WriteAsync(context, StatusCodes.Status201Created, Render(key, KeyJson.Single));
    }

    /// <summary>PUT /api/v1/keys/:platform/:id: takes passwords (unchecked, as the service did), a new <c>title</c>,
    /// or <c>lock: true</c>.</summary>
    public async Task Update(HttpContext context)
    {
        var key = Find(context);
        var data = await RequestData.ReadAsync(context);
        var title = data.GetString("title");
        var relock = data.GetBool("lock") == true;
        lock (state.Keys.Gate)
        {
            var changed = key.SetPasswords(KeyPasswords.From(key.Platform, data.Fields));
            if (!string.IsNullOrWhiteSpace(title))
            {
                key.Title = title.Trim();
                changed = true;
            }

            if (relock)
            {
                key.Lock();
                changed = true;
            }

            if (changed)
            {
                key.UpdatedAt = state.Now;
            }
        }

        await JsonResponses.WriteAsync(context, StatusCodes.Status200OK, Render(key, KeyJson.Single));
    }

    /// <summary>DELETE: 202 <c>{"success":"android key 8 deleted"}</c>. Apps that selected it keep the id (shown with a
    /// null title) and build as if no key of this store were selected.</summary>
    public Task Delete(HttpContext context)
    {
        var key = Find(context);
        state.Keys.Remove(key.OwnerId, key.Platform, key.Id);
        return JsonResponses.WriteAsync(context, StatusCodes.Status202Accepted,
            new JsonObject { ["success"] = $"{key.Platform} key {key.Id} deleted" });
    }

    /// <summary>GET /api/v0/keys: the three seed platforms, each a list of v0 entries.</summary>
    public Task V0List(HttpContext context)
    {
        var keys = state.Keys.List(AuthMiddleware.Account(context).Id);
        var json = new JsonObject();
        lock (state.Keys.Gate)
        {
            foreach (var platform in new[] { "ios", "blackberry", "android" })
            {
                json[platform] = new JsonArray([.. keys.Where(k => k.Platform == platform).Select(k => (JsonNode)KeyJson.V0(k))]);
            }
        }

        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, json);
    }

    public Task V0ListPlatform(HttpContext context)
    {
        var group = Group(context);
        var all = new JsonArray();
        lock (state.Keys.Gate)
        {
            foreach (var key in state.Keys.List(AuthMiddleware.Account(context).Id, group))
            {
                all.Add(KeyJson.V0(key));
            }
        }

        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, all);
    }

    /// <summary>POST /api/v0/keys/:platform: the same upload, answered in v0's shape.</summary>
    public async Task V0Add(HttpContext context)
    {
        var key = await UploadAsync(context);
        await JsonResponses.WriteAsync(context, StatusCodes.Status201Created, Render(key, KeyJson.V0));
    }

    private async Task<SigningKey> UploadAsync(HttpContext context)
    {
        var group = Group(context);
        if (!KeyPlatforms.Uploadable.Contains(group))
        {
            throw ServerErrors.KeyUploadNotSupported(group);
        }

        var data = await RequestData.ReadAsync(context);
        var title = data.GetString("title");
        if (string.IsNullOrWhiteSpace(title))
        {
            throw ServerErrors.TitleRequired();
        }

        var alias = data.GetString("alias");
        if (group == "android" && string.IsNullOrWhiteSpace(alias))
        {
            throw ServerErrors.AliasRequired();
        }

        var role = data.GetString("role")?.Trim().ToLowerInvariant() ?? "developer";
        if (group == "ios" && role is not ("developer" or "distribution"))
        {
            throw ServerErrors.InvalidKeyRole();
        }

        var fileNames = new List<string>();
        foreach (var names in KeyPlatforms.FileParts(group))
        {
            var file = data.File(names);
            if (file is null || file.Length == 0)
            {
                throw ServerErrors.KeyFileRequired(names[0], group);
            }

            fileNames.Add(Path.GetFileName(file.FileName));
        }

        var passwords = KeyPasswords.From(group, data.Fields);
        var relock = data.GetBool("lock") == true;
        return state.Keys.Add(AuthMiddleware.Account(context).Id, group, state.Now, key =>
        {
            key.Title = title.Trim();
            if (group == "android")
            {
                key.Alias = alias!.Trim();
            }
            else if (group == "ios")
            {
                key.CertName = fileNames[0];
                key.Provision = fileNames[1];
                key.Role = role;
            }

            key.SetPasswords(passwords);
            if (relock)
            {
                key.Lock();
            }
        });
    }

    private JsonObject Render(SigningKey key, Func<SigningKey, JsonObject> shape)
    {
        lock (state.Keys.Gate)
        {
            return shape(key);
        }
    }

    private SigningKey Find(HttpContext context)
    {
        var group = Group(context);
        var raw = HandlerContext.RouteString(context, "keyId");
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && state.Keys.Find(AuthMiddleware.Account(context).Id, group, id) is { } key
            ? key
            : throw ServerErrors.KeyNotFound(group, raw);
    }

    /// <summary>A key group or platform name, lower-cased, windows as winphone; 404 for anything else.</summary>
    private static string Group(HttpContext context)
    {
        var name = HandlerContext.RouteString(context, "platform").ToLowerInvariant();
        return Platforms.KeyGroups.Contains(name) || Platforms.All.Contains(name)
            ? KeyPlatforms.Group(name)
            : throw ServerErrors.UnknownKeyPlatform(name);
    }
}
