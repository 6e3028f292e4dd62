using System.Text.Json.Nodes;
using Pgb.Server.Keys;
using Pgb.Server.Stores;

namespace Pgb.Server.Model;

/// <summary>The v1 JSON shapes, as the Read and Write API show them. They drift between endpoints and the server
/// reproduces the drift on purpose: <c>collaborators</c> is an array in create/update answers and an object with
/// <c>active</c>/<c>pending</c> in GET; <c>build_count</c> is null before the first build. Call under the app's gate.</summary>
internal static class AppJson
{
    public static string Link(int id) => $"/api/v1/apps/{id}";

    /// <summary>GET /api/v1/apps entries.</summary>
    public static JsonObject Summary(AppRecord app, DateTimeOffset now)
    {
        var status = new JsonObject();
        var download = new JsonObject();
        var error = new JsonObject();
        foreach (var platform in Platforms.All)
        {
            if (!app.Builds.TryGetValue(platform, out var build))
            {
                status[platform] = null; // null: "not being built"
                continue;
            }

            var state = build.State(now);
            status[platform] = state;
            if (state == BuildStates.Complete)
            {
                download[platform] = $"{Link(app.Id)}/{platform}";
            }
            else if (state == BuildStates.Error)
            {
                error[platform] = build.Failure;
            }
        }

        return new JsonObject
        {
            ["title"] = app.Title,
            ["id"] = app.Id,
            ["package"] = app.Package,
            ["version"] = app.Version,
            ["repo"] = app.Repo,
            ["description"] = app.Description,
            ["debug"] = app.Debug,
            ["private"] = app.Private,
            ["link"] = Link(app.Id),
            ["build_count"] = app.BuildCount,
            ["phonegap_version"] = app.PhonegapVersion,
            ["hydrates"] = app.Hydrates,
            ["status"] = status,
            ["download"] = download,
            ["error"] = error,
            ["icon"] = new JsonObject { ["filename"] = app.Icon?.FileName, ["link"] = $"{Link(app.Id)}/icon" },
            ["role"] = "admin",
        };
    }

    /// <summary>GET /api/v1/apps/:id: the summary plus keys and the collaborators object.</summary>
    public static JsonObject Detail(AppRecord app, DateTimeOffset now, KeyStore keys)
    {
        var json = Summary(app, now);
        json["keys"] = Keys(app, keys);
        json["collaborators"] = Collaborators(app);
        return json;
    }

    /// <summary>The collaborators object of GET /api/v1/apps/:id and of its own link. The server has no sharing: the
    /// owner is the one active collaborator, under the owner's account id.</summary>
    public static JsonObject Collaborators(AppRecord app) => new()
    {
        ["link"] = $"{Link(app.Id)}/collaborators",
        ["active"] = new JsonArray(Owner(app)),
        ["pending"] = new JsonArray(),
    };

    /// <summary>One collaborator, as the Write API's collaborator answers show it: the person plus the app.</summary>
    public static JsonObject Collaborator(AppRecord app, DateTimeOffset now)
    {
        var json = Owner(app);
        json["app"] = Summary(app, now);
        return json;
    }

    /// <summary>POST /api/v1/apps (201) and PUT /api/v1/apps/:id answers: collaborators as an array.</summary>
    public static JsonObject Written(AppRecord app, DateTimeOffset now, KeyStore keys)
    {
        var json = Summary(app, now);
        json["keys"] = Keys(app, keys);
        json["collaborators"] = new JsonArray(new JsonObject { ["person"] = app.OwnerEmail, ["role"] = "admin" });
        return json;
    }

    /// <summary>GET /api/v1/apps/:id/status, the extension the official CLI polled every 2 s:
    /// <c>{"completed":bool,"status":{platform:state|null},"error":{platform:message}}</c> where <c>completed</c> is
    /// true once no queued platform is still <c>pending</c> (platforms never queued, status null, do not hold it up).</summary>
    public static JsonObject Status(AppRecord app, DateTimeOffset now)
    {
        var summary = Summary(app, now);
        var completed = app.Builds.Values.All(b => b.State(now) != BuildStates.Pending);
        return new JsonObject
        {
            ["id"] = app.Id,
            ["completed"] = completed,
            ["status"] = summary["status"]!.DeepClone(),
            ["error"] = summary["error"]!.DeepClone(),
            ["link"] = $"{Link(app.Id)}/status",
        };
    }

    private static JsonObject Owner(AppRecord app) => new()
    {
        ["id"] = app.OwnerId,
        ["person"] = app.OwnerEmail,
        ["role"] = "admin",
        ["link"] = $"{Link(app.Id)}/collaborators/{app.OwnerId}",
    };

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The seed's three platforms always (null when no key is selected), plus any other selected one; a
    /// selected key of the owner's shows its title.</summary>
    private static JsonObject Keys(AppRecord app, KeyStore store)
    {
        var keys = new JsonObject();
        foreach (var platform in new[] { "ios", "blackberry", "android" }.Concat(app.KeyIds.Keys).Distinct())
        {
            if (!app.KeyIds.TryGetValue(platform, out var id))
            {
                keys[platform] = null;
                continue;
            }

            var key = store.Find(app.OwnerId, platform, id);
            lock (store.Gate)
            {
                keys[platform] = KeyJson.OfApp(platform, id, key);
            }
        }

        return keys;
    }

    public static JsonObject Me(StoredAccount account, IEnumerable<AppRecord> apps, KeyStore store)
    {
        var all = new JsonArray();
        foreach (var app in apps)
        {
            lock (app.Gate)
            {
                all.Add(new JsonObject { ["title"] = app.Title, ["role"] = "owner", ["link"] = Link(app.Id) });
            }
        }

        JsonObject keys;
        lock (store.Gate)
        {
            keys = KeyJson.Groups(store.List(account.Id));
        }

        keys["link"] = "/api/v1/keys";

        // Accounts are fixed at start-up, so they were last updated when they were created.
        var stamp = Timestamp(account.CreatedAt);
        return new JsonObject
        {
            ["id"] = account.Id,
            ["username"] = account.Account.UserName,
            ["email"] = account.Account.Email,
            ["created_at"] = stamp,
            ["updated_at"] = stamp,
            ["apps"] = new JsonObject { ["link"] = "/api/v1/apps", ["all"] = all },
            ["keys"] = keys,
            ["link"] = "/api/v1/me",
        };
    }
}
