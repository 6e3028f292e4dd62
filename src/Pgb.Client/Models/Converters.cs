namespace Pgb.Client.Models;

/// <summary>
/// Reads a platform map that may arrive as an object, <c>null</c> or an empty array (an empty hash
/// serialized by some backends); writes it as an object.
/// </summary>
internal sealed class TolerantDictionaryConverter<T> : JsonConverter
{
    public override bool CanConvert(Type objectType) => true;

    public override object ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var map = PgbMaps.Create<T>();
        var token = JToken.Load(reader);
        if (token is JObject obj)
        {
            foreach (var property in obj.Properties())
            {
                map[property.Name] = property.Value.Type == JTokenType.Null ? default! : ReadValue(property.Value, serializer);
            }
        }

        return map;
    }

    private static T ReadValue(JToken value, JsonSerializer serializer)
    {
        // A status or error that is not a string (a number, a nested object) still deserves to be seen.
        if (typeof(T) == typeof(string) && value.Type != JTokenType.String)
        {
            return (T)(object)value.ToString(Formatting.None);
        }
        // A key named by its bare id, the form the v1 API docs allow in a request's "keys" (a server echoing its data answers so).
        if (typeof(T) == typeof(PgbKeyReference) && value.Type == JTokenType.Integer)
        {
            return (T)(object)new PgbKeyReference { Id = value.Value<int>() };
        }

        return value.ToObject<T>(serializer)!;
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        writer.WriteStartObject();
        if (value is IDictionary<string, T> map)
        {
            foreach (var pair in map)
            {
                writer.WritePropertyName(pair.Key);
                serializer.Serialize(writer, pair.Value);
            }
        }

        writer.WriteEndObject();
    }
}

/// <summary>Collaborators: an array in the create answer, an object with active/pending in GET.</summary>
internal sealed class CollaboratorsConverter : JsonConverter
{
    public override bool CanConvert(Type objectType) => objectType == typeof(PgbCollaborators);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var token = JToken.Load(reader);
        switch (token)
        {
            case JArray array:
                return new PgbCollaborators { Active = array.ToObject<List<PgbCollaborator>>(serializer) ?? [] };
            case JObject obj:
                var result = new PgbCollaborators { Link = JsonText.StringOrNull(obj["link"]) };
                if (obj["active"] is JArray active)
                {
                    result.Active = active.ToObject<List<PgbCollaborator>>(serializer) ?? [];
                }

                if (obj["pending"] is JArray pending)
                {
                    result.Pending = pending.ToObject<List<PgbCollaborator>>(serializer) ?? [];
                }

                return result;
            default:
                return null;
        }
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        var c = (PgbCollaborators)value!;
        serializer.Serialize(writer, new { link = c.Link, active = c.Active, pending = c.Pending });
    }
}

/// <summary>Key groups: <c>{"ios":{...},"android":{...},"link":"..."}</c> where a group may be null.</summary>
internal sealed class KeyGroupsConverter : JsonConverter
{
    public override bool CanConvert(Type objectType) => objectType == typeof(PgbKeyGroups);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (JToken.Load(reader) is not JObject obj)
        {
            return null;
        }

        var groups = new PgbKeyGroups();
        foreach (var property in obj.Properties())
        {
            if (property.Name == "link")
            {
                groups.Link = JsonText.StringOrNull(property.Value);
            }
            else if (property.Value is JObject group)
            {
                groups.Platforms[property.Name] = group.ToObject<PgbKeyGroup>(serializer);
            }
            else
            {
                groups.Platforms[property.Name] = null;
            }
        }

        return groups;
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        var groups = (PgbKeyGroups)value!;
        writer.WriteStartObject();
        foreach (var pair in groups.Platforms)
        {
            writer.WritePropertyName(pair.Key);
            serializer.Serialize(writer, pair.Value);
        }

        writer.WritePropertyName("link");
        writer.WriteValue(groups.Link);
        writer.WriteEndObject();
    }
}

internal static class JsonText
{
    /// <summary>A string value, or null for anything else: the explicit JToken-to-string cast throws ArgumentException on an object.</summary>
    public static string? StringOrNull(JToken? token) => token is JValue { Type: JTokenType.String } value ? (string?)value : null;
}
