namespace Pgb.Client.Models;

/// <summary>Platform maps compare names without case: the service was not consistent about it.</summary>
internal static class PgbMaps
{
    public static IDictionary<string, T> Create<T>() => new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
}
