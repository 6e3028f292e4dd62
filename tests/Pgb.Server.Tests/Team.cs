namespace Pgb.Server.Tests;

/// <summary>The people of the collaborator tests: Ann owns the apps, Bob, Carol and Erin are accounts she may share them
/// with, Dave is an account nothing is shared with, and newguy@example.com is no account at all. Requests go the way the
/// Write API's curl examples send them (<c>-d 'data={...}'</c>), each with its sender's token.</summary>
internal static class Team
{
    public static readonly PgbAccount Ann = new("ann", "ann@example.com", "ann-password", "ann-token");
    public static readonly PgbAccount Bob = new("bob", "bob@example.com", "bob-password", "bob-token");
    public static readonly PgbAccount Carol = new("carol", "carol@example.com", "carol-password", "carol-token");
    public static readonly PgbAccount Dave = new("dave", "dave@example.com", "dave-password", "dave-token");
    public static readonly PgbAccount Erin = new("erin", "erin@example.com", "erin-password", "erin-token");

    /// <summary>An e-mail address no account has.</summary>
    public const string NewGuy = "newguy@example.com";

    public static readonly PgbAccount[] Everyone = [Ann, Bob, Carol, Dave, Erin];

    /// <summary>A server with <paramref name="accounts"/> (everyone by default), in memory or on <paramref name="data"/>.</summary>
    public static Task<ServerHarness> StartAsync(TempDirectory? data = null, params PgbAccount[] accounts) =>
        ServerHarness.StartAsync(o =>
        {
            foreach (var account in accounts.Length == 0 ? Everyone : accounts)
            {
                o.Accounts.Add(account);
            }

            o.DataDirectory = data?.Path;
        });

    public static HttpRequestMessage As(PgbAccount account, HttpMethod method, string path, HttpContent? content = null) =>
        ServerHarness.Authorized(method, path, content, account.Token);

    /// <summary><c>curl -d 'data=JSON'</c>.</summary>
    public static StringContent Data(string json) => ServerHarness.UrlEncoded("data=" + Uri.EscapeDataString(json));

    /// <summary>Ann's file app, with an icon; returns its id.</summary>
    public static async Task<int> CreateAppAsync(ServerHarness harness, PgbAccount? owner = null, string title = "Shared App")
    {
        var form = new MultipartFormDataContent
        {
            { ServerHarness.Bytes(Zips.App(title, icon: "icon.png")), "file", "app.zip" },
            { new StringContent($"{{\"title\":\"{title}\"}}"), "data" },
        };
        var answer = await harness.SendAsync(As(owner ?? Ann, HttpMethod.Post, "/api/v1/apps", form));
        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        return (int)answer.Object["id"]!;
    }

    public static Task<Answer> AddAsync(ServerHarness harness, int appId, string email, string role, PgbAccount? by = null) =>
        harness.SendAsync(As(by ?? Ann, HttpMethod.Post, $"/api/v1/apps/{appId}/collaborators", Data($"{{\"email\":\"{email}\",\"role\":\"{role}\"}}")));

    /// <summary>Adds a collaborator as Ann; returns its id.</summary>
    public static async Task<int> ShareAsync(ServerHarness harness, int appId, PgbAccount with, string role)
    {
        var answer = await AddAsync(harness, appId, with.Email, role);
        Assert.AreEqual(HttpStatusCode.Created, answer.Status, answer.Body);
        return (int)Entry(answer.Object["collaborators"]!, "active", with.Email)["id"]!;
    }

    /// <summary>Ann's new file app, shared with <paramref name="with"/> as <paramref name="role"/>; returns the app's id and the
    /// collaborator's.</summary>
    public static async Task<(int App, int Collaborator)> CreateAppSharedWithAsync(ServerHarness harness, PgbAccount with, string role)
    {
        var id = await CreateAppAsync(harness);
        return (id, await ShareAsync(harness, id, with, role));
    }

    /// <summary>The entry of <paramref name="email"/> in the <c>active</c> or <c>pending</c> list of a collaborators object.</summary>
    public static JsonObject Entry(JsonNode collaborators, string list, string email) =>
        collaborators[list]!.AsArray().Single(c => (string?)c!["person"] == email)!.AsObject();

    public static async Task<JsonObject> ListAsync(ServerHarness harness, int appId, PgbAccount? by = null)
    {
        var answer = await harness.SendAsync(As(by ?? Ann, HttpMethod.Get, $"/api/v1/apps/{appId}/collaborators"));
        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
        return answer.Object;
    }

    /// <summary>Polls the app as Ann until <paramref name="platform"/> leaves pending (bounded: a broken server fails the
    /// test instead of hanging it).</summary>
    public static async Task<JsonObject> WaitForBuildAsync(ServerHarness harness, int appId, string platform)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var app = (await harness.SendAsync(As(Ann, HttpMethod.Get, $"/api/v1/apps/{appId}"))).Object;
            if ((string?)app["status"]![platform] is not "pending" || DateTime.UtcNow > deadline)
            {
                return app;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The apps <paramref name="account"/> sees in GET /api/v1/apps: id and role.</summary>
    public static async Task<(int Id, string? Role)[]> AppsOfAsync(ServerHarness harness, PgbAccount account)
    {
        var answer = await harness.SendAsync(As(account, HttpMethod.Get, "/api/v1/apps"));
        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Body);
        return [.. answer.Object["apps"]!.AsArray().Select(app => ((int)app!["id"]!, (string?)app["role"]))];
    }
}
