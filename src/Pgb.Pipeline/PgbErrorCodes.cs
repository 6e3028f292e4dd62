namespace Pgb.Pipeline;

/// <summary>
/// Every error the pipeline reports has one code, one cause: PGB1xxx configuration and input,
/// PGB2xxx server/API answers, PGB3xxx build failures reported by the server, PGB4xxx local I/O.
/// docs/errors.md lists them with the fix; keep both in step.
/// </summary>
public static class PgbErrorCodes
{
    public const string ServerUrlInvalid = "PGB1001";
    public const string TokenMissing = "PGB1002";
    public const string WwwDirectoryNotFound = "PGB1003";
    public const string ConfigXmlNotFound = "PGB1004";
    public const string PlatformUnknown = "PGB1005";
    public const string NoAppToUpdate = "PGB1006";
    public const string AppIdInvalid = "PGB1007";
    public const string TimingInvalid = "PGB1008";
    public const string NoPlatforms = "PGB1009";
    public const string WwwDirectoryEmpty = "PGB1010";
    public const string OutputDirectoryMissing = "PGB1011";
    public const string UnsafeWwwEntry = "PGB1012";
    public const string SwitchInvalid = "PGB1013";
    public const string WwwTooLarge = "PGB1014";
    public const string KeyIdInvalid = "PGB1015";
    public const string KeyPasswordMissing = "PGB1016";
    public const string NotLoggedIn = "PGB1017";
    public const string RoleInvalid = "PGB1018";
    public const string FileNotFound = "PGB1019";
    public const string NoAppSource = "PGB1020";
    public const string KeyFilesIncomplete = "PGB1021";
    public const string KeyChosenTwice = "PGB1022";

    public const string ServerUnreachable = "PGB2001";
    public const string ServerTimedOut = "PGB2002";
    public const string AnswerBrokeOff = "PGB2003";
    public const string PackageInvalid = "PGB2004";
    public const string BadRequest = "PGB2400";
    public const string Unauthorized = "PGB2401";
    public const string Forbidden = "PGB2403";
    public const string NotFound = "PGB2404";
    public const string UploadRejected = "PGB2413";
    public const string ServerError = "PGB2500";
    public const string UnexpectedAnswer = "PGB2000";

    public const string BuildFailed = "PGB3001";
    public const string BuildTimedOut = "PGB3002";
    public const string NotDownloadable = "PGB3003";
    public const string PlatformNotBuilt = "PGB3004";

    public const string ArchiveWriteFailed = "PGB4001";
    public const string ArtifactWriteFailed = "PGB4002";
    public const string StateWriteFailed = "PGB4003";
    public const string WwwReadFailed = "PGB4004";
    public const string CredentialsWriteFailed = "PGB4005";
    public const string CredentialsUnreadable = "PGB4006";

    public const string Canceled = "PGB0001";
    public const string Unexpected = "PGB0000";
}
