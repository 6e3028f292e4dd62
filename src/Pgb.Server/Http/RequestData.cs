using System.Text;
using System.Text.Json;

namespace Pgb.Server.Http;

/// <summary>The fields of a write request, however the client sent them. Clients in the wild sent:
/// a multipart <c>data</c> part holding JSON, with or without a Content-Type (or even with a file name);
/// url-encoded <c>data=...</c> (curl -d in the API documentation's examples); every field as its own multipart part (the official pgb-api
/// library: <c>title</c>, <c>keys</c> as a JSON string, ...); or a JSON body. All end up in <see cref="Fields"/>;
/// fields inside <c>data</c> win over loose parts of the same name.</summary>
internal sealed class RequestData
{
    private static readonly HashSet<string> NotFields = new(StringComparer.OrdinalIgnoreCase) { "data", "auth_token", "callback", "_method" };

    private readonly IFormFileCollection? _files;

    private RequestData(JsonObject fields, IFormFileCollection? files)
    {
        Fields = fields;
        _files = files;
    }

    public JsonObject Fields { get; }

    /// <summary>True when the request carried any field or file at all.</summary>
    public bool IsEmpty => Fields.Count == 0 && (_files is null || _files.Count == 0);

    /// <summary>No fields and no files (v0's push ignores its dummy post data).</summary>
    public static RequestData Empty() => new(new JsonObject(), null);

    public static async Task<RequestData> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        var fields = new JsonObject();
        string? data = null;
        IFormFileCollection? files = null;

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            files = form.Files;
            foreach (var (name, values) in form)
            {
                if (NotFields.Contains(name))
                {
                    continue;
                }

                fields[name] = Loose(values.ToString());
            }

            if (form.TryGetValue("data", out var dataValue))
            {
                data = dataValue.ToString();
            }
            else if (form.Files.GetFile("data") is { } dataFile)
            {
                // A writer that gave the data part a file name still meant the JSON field.
                using var reader = new StreamReader(dataFile.OpenReadStream(), Encoding.UTF8);
                data = await reader.ReadToEndAsync(context.RequestAborted);
            }
        }
        else if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            if (!string.IsNullOrWhiteSpace(body))
            {
                var parsed = ParseObject(body);
                data = parsed["data"] switch
                {
                    JsonObject nested => nested.ToJsonString(),
                    JsonValue value when value.TryGetValue<string>(out var text) => text,
                    _ => body,
                };
            }
        }

        if (data is null && request.Query.TryGetValue("data", out var queryData))
        {
            data = queryData.ToString();
        }

        if (!string.IsNullOrWhiteSpace(data))
        {
            foreach (var (name, value) in ParseObject(data))
            {
                fields[name] = value?.DeepClone();
            }
        }

        return new RequestData(fields, files);
    }

    /// <summary>Every uploaded file, in the order sent.</summary>
    public IReadOnlyList<IFormFile> Files => _files is null ? [] : [.. _files];

    /// <summary>The first uploaded file under any of <paramref name="names"/> (e.g. <c>icon</c>, then v0's <c>file</c>).</summary>
    public IFormFile? File(params string[] names) =>
        names.Select(n => _files?.GetFile(n)).FirstOrDefault(f => f is not null);

    public bool Has(string name) => Fields.ContainsKey(name);

    public string? GetString(string name) => Fields[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.GetValueKind() is JsonValueKind.True => "true",
        JsonValue value when value.GetValueKind() is JsonValueKind.False => "false",
        JsonValue value => value.ToJsonString(),
        var node => node.ToJsonString(),
    };

    /// <summary>true/false, or the strings "true"/"false"/"1"/"0"/"yes"/"no" (pull was sent both ways).</summary>
    public bool? GetBool(string name)
    {
        var node = Fields[name];
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.Number:
                    // Parsed as a double, not a decimal: 1e400 overflows a decimal (a 500) but is still "not zero".
                    return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) != 0;
            }
        }

        return GetString(name)?.Trim().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" or "" => false,
            null => null,
            var other => throw ServerErrors.NotABoolean(name, other),
        };
    }

    /// <summary>A JSON array of strings, or a string <c>"android,ios"</c> (pgb-cli) - commas, semicolons or spaces.</summary>
    public IReadOnlyList<string>? GetList(string name) => Fields[name] switch
    {
        null => null,
        JsonArray array => array.Select(item => item is JsonValue v && v.TryGetValue<string>(out var s) ? s : item?.ToJsonString() ?? string.Empty)
            .Where(s => s.Length > 0).ToList(),
        _ => GetString(name)!.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    };

    private static JsonObject ParseObject(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw ServerErrors.DataNotJson(e.Message);
        }

        return node as JsonObject ?? throw ServerErrors.DataNotAnObject();
    }

    /// <summary>A loose multipart part: JSON objects/arrays (e.g. <c>keys</c>) are parsed, anything else stays a string.</summary>
    private static JsonNode? Loose(string value)
    {
        var trimmed = value.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(value);
            }
            catch (JsonException)
            {
                // Not JSON after all: keep the text.
            }
        }

        return JsonValue.Create(value);
    }
}
