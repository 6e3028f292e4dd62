using System.Text.Json.Serialization;

namespace Pgb.Server.Stores;

/// <summary>Source-generated (no reflection, trimming-safe) serialization of the data directory's files. Indented, so a
/// person can read and fix one; camelCase, like the API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AppDocument))]
[JsonSerializable(typeof(StateDocument))]
[JsonSerializable(typeof(AccountsDocument))]
[JsonSerializable(typeof(KeysDocument))]
[JsonSerializable(typeof(FormatProbe))]
internal sealed partial class DataJsonContext : JsonSerializerContext;
