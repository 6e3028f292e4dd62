using System.Net;
using System.Text.Json.Nodes;

namespace Pgb.Testing;

/// <summary>One answer of the server as <see cref="ServerHarness"/> read it, the body as text.</summary>
public sealed record Answer(HttpStatusCode Status, string? MediaType, Uri? Location, string Body)
{
    public JsonObject Object => JsonNode.Parse(Body) as JsonObject ?? throw new AssertFailedException("not a JSON object: " + Body);

    public string? Error => (string?)Object["error"];
}
