namespace Pgb.Testing;

/// <summary>One way a server answers badly, and the code a run that meets it must end with.</summary>
/// <param name="Platforms">The platforms the run asks for, comma-separated.</param>
/// <param name="Create">The run creates its app (<c>--create</c>, <c>PgbCreateApp</c>) instead of updating <see cref="MisbehavingServer.AppId"/>.</param>
public sealed record BadServerCase(Misbehaviour Mode, string Code, string Platforms = "android", bool Create = false)
{
    public override string ToString() => $"{Mode} -> {Code}";
}

/// <summary>
/// The bad-server half of the bad-input suite, one row per <see cref="Misbehaviour"/>: the same table drives
/// <c>pgb build</c> (tests/Pgb.Tool.Tests) and the MSBuild tasks (tests/Pgb.Build.Tasks.Tests). The codes are
/// docs/errors.md's.
/// </summary>
public static class BadServerCases
{
    public static IReadOnlyList<BadServerCase> All { get; } =
    [
        new(Misbehaviour.UploadHtml502, "PGB2500"),
        new(Misbehaviour.UploadPlainText500, "PGB2500"),
        new(Misbehaviour.UploadHtml413, "PGB2413"),
        new(Misbehaviour.Upload411WithoutBody, "PGB2413"),
        new(Misbehaviour.Upload400Json, "PGB2400"),
        new(Misbehaviour.Upload401Json, "PGB2401"),
        new(Misbehaviour.Upload403WithoutBody, "PGB2403"),
        new(Misbehaviour.Upload404WithoutBody, "PGB2404"),
        new(Misbehaviour.Upload500WithoutBody, "PGB2500"),
        new(Misbehaviour.Upload503WithRetryAfter, "PGB2500"),
        new(Misbehaviour.Upload429, "PGB2400"),
        new(Misbehaviour.UploadMalformedJson, "PGB2000"),
        new(Misbehaviour.UploadEmpty200, "PGB2000"),
        new(Misbehaviour.UploadWrongShapeJson, "PGB2000"),
        new(Misbehaviour.UploadJsonArray, "PGB2000"),
        new(Misbehaviour.UploadErrorInside200, "PGB2000"),
        new(Misbehaviour.UploadHtmlLoginPage200, "PGB2000"),
        new(Misbehaviour.UploadReset, "PGB2001"),
        new(Misbehaviour.UploadRedirectToHttps, "PGB2000"),
        new(Misbehaviour.CreateHtml500, "PGB2500", Create: true),
        new(Misbehaviour.QueueHtml500, "PGB2500"),
        new(Misbehaviour.QueueReset, "PGB2001"),
        new(Misbehaviour.StatusHtml404, "PGB2404"),
        new(Misbehaviour.StatusMalformedJson, "PGB2000"),
        new(Misbehaviour.StatusEmpty204, "PGB2000"),
        new(Misbehaviour.StatusWrongShapeJson, "PGB2000"),
        new(Misbehaviour.StatusBodyBreaksOff, "PGB2003"),
        new(Misbehaviour.StatusBodyStalls, "PGB2002"),
        new(Misbehaviour.StatusReset, "PGB2001"),
        new(Misbehaviour.StatusNeverSettles, "PGB3002"),
        new(Misbehaviour.StatusUnknown, "PGB3002"),
        new(Misbehaviour.StatusError, "PGB3001"),
        new(Misbehaviour.IosNullWithoutKey, "PGB3004", Platforms: "android,ios"),
        new(Misbehaviour.StatusSkip, "PGB3004"),
        new(Misbehaviour.LocationMissing, "PGB2000"),
        new(Misbehaviour.LocationNotHttp, "PGB2000"),
        new(Misbehaviour.Location404Json, "PGB2404"),
        new(Misbehaviour.LocationDeadHost, "PGB2001"),
        new(Misbehaviour.StorageRedirectLoop, "PGB2000"),
        new(Misbehaviour.StorageRedirectWithoutLocation, "PGB2000"),
        new(Misbehaviour.StorageShortBody, "PGB2003"),
        new(Misbehaviour.StorageEmpty200, "PGB2004"),
        new(Misbehaviour.StorageHtmlPage200, "PGB2004"),
        new(Misbehaviour.StorageJsonError200, "PGB2000"),
        new(Misbehaviour.Storage403Xml, "PGB2403"),
        new(Misbehaviour.Storage404, "PGB2404"),
        new(Misbehaviour.StorageBodyStalls, "PGB2002"),
        new(Misbehaviour.StorageReset, "PGB2001"),
        new(Misbehaviour.ApiGarbage, "PGB2000"),
        new(Misbehaviour.ApiSilent, "PGB2002"),
        new(Misbehaviour.StorageGarbage, "PGB2000"),
        new(Misbehaviour.StorageSilent, "PGB2002"),
    ];

    /// <summary>Rows for <c>[DynamicData]</c>: the misbehaviour alone, which names the test case.</summary>
    public static IEnumerable<object[]> Rows => All.Select(c => new object[] { c.Mode });

    public static BadServerCase Of(Misbehaviour mode) => All.Single(c => c.Mode == mode);

    /// <summary>The exit code of <c>pgb</c> for a code's class (docs/errors.md): 2 configuration, 3 server, 4 builds, 5 local I/O.</summary>
    public static int ExitCodeOf(string code) => code[3] switch
    {
        '1' => 2,
        '2' => 3,
        '3' => 4,
        '4' => 5,
        _ => 1,
    };
}
