namespace Pgb.Server.Model;

/// <summary>The v1 JSON shapes, as the Read and Write API show them. They drift between endpoints and the server
/// reproduces the drift on purpose: <c>collaborators</c> is an array in create/update answers and an object with
/// <c>active</c>/<c>pending</c> in GET (and in the answer to adding a collaborator); <c>build_count</c> is null before
/// the first build. <c>role</c> is the caller's: the owner's is <c>admin</c> in app answers, <c>owner</c> in /me.
/// Rendered from an <see cref="AppView"/>, so an answer shows one state of the app.</summary>
internal static class AppJson
{
    public static string Link(int id) => $"/api/v1/apps/{id}";

    /// <summary>GET /api/v1/apps entries.</summary>
    public static JsonObject Summary(AppView view)
    {
        var app = view.App;
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

            var state = build.State(view.Now);
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

        var json = new JsonObject
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
            ["role"] = AppRoles.Name(view.Role),
        };
        AddCreateFields(json, app);
        return json;
    }

    /// <summary>The create fields the official CLI sent and the service kept (<c>tag</c>, <c>share</c>,
    /// <c>PLATFORM_phonegap_version</c>), echoed when set: the documented shapes have none of them.</summary>
    private static void AddCreateFields(JsonObject json, AppRecord app)
    {
        if (app.Tag is not null)
        {
            json["tag"] = app.Tag;
        }

        if (app.Share is not null)
        {
            json["share"] = app.Share;
        }

        foreach (var platform in Platforms.All.Where(app.PlatformPhonegapVersions.ContainsKey))
        {
            json[$"{platform}_phonegap_version"] = app.PlatformPhonegapVersions[platform];
        }
    }

    /// <summary>GET /api/v1/apps/:id: the summary plus keys and the collaborators object ("if the authenticated user is
    /// the owner of the app": left out for those who may not see them).</summary>
    public static JsonObject Detail(AppView view)
    {
        var json = Summary(view);
        json["keys"] = Keys(view);
        if (view.Collaborators is not null)
        {
            json["collaborators"] = Collaborators(view);
        }

        return json;
    }

    /// <summary>The collaborators object of GET /api/v1/apps/:id and of its own link: <c>active</c>, the owner first (as an
    /// admin), and <c>pending</c> invitations of e-mails no account has. Pending entries carry their <c>id</c> and
    /// <c>link</c> too (the Read API shows only person and role), so an invitation can be changed or withdrawn.</summary>
    public static JsonObject Collaborators(AppView view)
    {
        var people = view.Collaborators ?? [];
        return new JsonObject
        {
            ["link"] = $"{Link(view.App.Id)}/collaborators",
            ["active"] = new JsonArray([.. people.Where(p => p.Active).Select(p => (JsonNode)Person(view.App.Id, p))]),
            ["pending"] = new JsonArray([.. people.Where(p => !p.Active).Select(p => (JsonNode)Person(view.App.Id, p))]),
        };
    }

    /// <summary>One collaborator, as the Write API's collaborator answers show it: the person plus the app.</summary>
    public static JsonObject Collaborator(CollaboratorView person, AppView view)
    {
        var json = Person(view.App.Id, person);
        json["app"] = Summary(view);
        return json;
    }

    /// <summary>POST /api/v1/apps (201) and PUT /api/v1/apps/:id answers: collaborators as an array of the people with
    /// access (<c>person</c> and <c>role</c>), for those who may see them.</summary>
    public static JsonObject Written(AppView view)
    {
        var json = Summary(view);
        json["keys"] = Keys(view);
        if (view.Collaborators is { } people)
        {
            json["collaborators"] = new JsonArray([.. people.Where(p => p.Active)
                .Select(p => (JsonNode)new JsonObject { ["person"] = p.Email, ["role"] = AppRoles.Name(p.Role) })]);
        }

        return json;
    }

    /// <summary>GET /api/v1/apps/:id/status, the extension the official CLI polled every 2 s:
    /// <c>{"completed":bool,"status":{platform:state|null},"error":{platform:message}}</c> where <c>completed</c> is
    /// true once no queued platform is still <c>pending</c> (platforms never queued, status null, do not hold it up).</summary>
    public static JsonObject Status(AppView view)
    {
        var summary = Summary(view);
        var completed = view.App.Builds.Values.All(b => b.State(view.Now) != BuildStates.Pending);
        return new JsonObject
        {
            ["id"] = view.App.Id,
            ["completed"] = completed,
            ["status"] = summary["status"]!.DeepClone(),
            ["error"] = summary["error"]!.DeepClone(),
            ["link"] = $"{Link(view.App.Id)}/status",
        };
    }

    /// <summary>GET /api/v1/me: the account, the apps it sees and its keys.</summary>
    public static JsonObject Me(StoredAccount account, IEnumerable<AppView> apps, IReadOnlyList<KeyInfo> accountKeys)
    {
        var all = new JsonArray();
        foreach (var view in apps)
        {
            var role = view.Role == AppRole.Owner ? "owner" : AppRoles.Name(view.Role);
            all.Add(new JsonObject { ["title"] = view.App.Title, ["role"] = role, ["link"] = Link(view.App.Id) });
        }

        var keys = KeyJson.Groups(accountKeys);
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

    /// <summary>Times as the API shows them, v1 and v0: UTC, to the second.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Person(int appId, CollaboratorView person) => new()
    {
        ["id"] = person.Id,
        ["person"] = person.Email,
        ["role"] = AppRoles.Name(person.Role),
        ["link"] = $"{Link(appId)}/collaborators/{person.Id}",
    };

    /// <summary>The three platforms of the Write API's examples always (null when no key is selected), plus any other
    /// selected one (in the order of <see cref="Platforms.All"/>); a selected key of the owner's shows its title.</summary>
    private static JsonObject Keys(AppView view)
    {
        var app = view.App;
        var keys = new JsonObject();
        foreach (var platform in new[] { "ios", "blackberry", "android" }.Concat(Platforms.All.Where(app.KeyIds.ContainsKey)).Distinct())
        {
            keys[platform] = app.KeyIds.TryGetValue(platform, out var id)
                ? KeyJson.OfApp(platform, id, view.SelectedKeys.GetValueOrDefault(platform))
                : null;
        }

        return keys;
    }
}
