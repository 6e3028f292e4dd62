namespace Pgb.Pipeline;

/// <summary>Reads the platforms a user asked for: <c>android;ios</c> (MSBuild) or <c>android,ios</c> (CLI).</summary>
public static class PgbPlatformList
{
    public static IReadOnlyList<string> Parse(string? text)
    {
        var result = new List<string>();
        foreach (var raw in (text ?? string.Empty).Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var platform = PgbPlatforms.Normalize(raw)
                ?? throw new PgbPipelineException(PgbErrorCodes.PlatformUnknown, Strings.PlatformUnknown.F(raw.Trim(), string.Join(", ", PgbPlatforms.All)));
            if (!result.Contains(platform))
            {
                result.Add(platform);
            }
        }

        if (result.Count == 0)
        {
            throw new PgbPipelineException(PgbErrorCodes.NoPlatforms, Strings.NoPlatforms);
        }

        return result;
    }
}
