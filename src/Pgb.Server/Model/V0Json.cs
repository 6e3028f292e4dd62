namespace Pgb.Server.Model;

/// <summary>The v0 shapes ("kept online for existing clients"): the same apps, flat (<c>android_status</c>,
/// <c>repo_url</c>, <c>desc</c>, <c>person_id</c>, ...), with times as <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
internal static class V0Json
{
    public static JsonObject Me(StoredAccount account)
    {
        var stamp = Stamp(account.CreatedAt);
        return new JsonObject
        {
            ["created_at"] = stamp,
            ["updated_at"] = stamp,
            ["username"] = account.Account.UserName,
            ["email"] = account.Account.Email,
        };
    }

    public static JsonObject App(AppView view)
    {
        var app = view.App;
        var json = new JsonObject
        {
            ["created_at"] = Stamp(app.CreatedAt),
            ["title"] = app.Title,
            ["updated_at"] = Stamp(app.UpdatedAt),
            ["repo_url"] = app.Repo,
            ["id"] = app.Id,
            ["icon"] = app.Icon?.FileName,
            ["version"] = app.Version,
            ["package"] = app.Package,
            ["person_id"] = app.OwnerId,
            ["desc"] = app.Description,
        };
        foreach (var platform in Platforms.All)
        {
            json[$"{platform}_status"] = app.Builds.TryGetValue(platform, out var build) ? build.State(view.Now) : null;
        }

        return json;
    }

    private static string Stamp(DateTimeOffset time) => AppJson.Timestamp(time);
}
