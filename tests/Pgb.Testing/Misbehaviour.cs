namespace Pgb.Testing;

/// <summary>
/// The one thing a <see cref="MisbehavingServer"/> does wrong; every other answer is the honest one. The name says the
/// step (upload, queue, status, location, storage, or the whole API) and what goes wrong there, every time it is asked.
/// </summary>
public enum Misbehaviour
{
    /// <summary>Everything answers as the service did: the build succeeds.</summary>
    None,

    /// <summary>The storage breaks off the package halfway once, and offers an ETag: the client resumes, and succeeds.</summary>
    StorageCutOnceWithETag,

    /// <summary>
    /// The storage breaks off every answer after a sixth of the package, and offers an ETag: each attempt gets further,
    /// so the client, resuming, succeeds after more attempts than its retry count.
    /// </summary>
    StorageCutEveryTimeWithETag,

    UploadHtml502,
    UploadPlainText500,
    UploadHtml413,
    Upload411WithoutBody,
    Upload400Json,
    Upload401Json,
    Upload403WithoutBody,
    Upload404WithoutBody,
    Upload500WithoutBody,
    Upload503WithRetryAfter,
    Upload429,
    UploadMalformedJson,
    UploadEmpty200,
    UploadWrongShapeJson,
    UploadJsonArray,
    UploadErrorInside200,
    UploadHtmlLoginPage200,
    UploadReset,
    UploadRedirectToHttps,

    /// <summary>POST /api/v1/apps answers 500 (the run creates its app).</summary>
    CreateHtml500,

    QueueHtml500,
    QueueReset,

    StatusHtml404,
    StatusMalformedJson,
    StatusEmpty204,
    StatusWrongShapeJson,
    StatusBodyBreaksOff,
    StatusBodyStalls,
    StatusReset,

    /// <summary>The chosen platform stays <c>pending</c>.</summary>
    StatusNeverSettles,

    /// <summary>The chosen platform stays in a status no documentation names.</summary>
    StatusUnknown,

    StatusError,

    /// <summary>ios stays <c>null</c> and the app has no ios key (run with android and ios).</summary>
    IosNullWithoutKey,

    StatusSkip,

    /// <summary>The download answers 302 with neither a JSON location nor a Location header.</summary>
    LocationMissing,

    LocationNotHttp,
    Location404Json,

    /// <summary>The download points at a port nothing listens on.</summary>
    LocationDeadHost,

    StorageRedirectLoop,
    StorageRedirectWithoutLocation,

    /// <summary>The storage announces the whole length and sends half of it, every time (no validator to resume with).</summary>
    StorageShortBody,

    StorageEmpty200,
    StorageHtmlPage200,
    StorageJsonError200,
    Storage403Xml,
    Storage404,
    StorageBodyStalls,
    StorageReset,

    /// <summary>The API's port answers bytes that are not HTTP.</summary>
    ApiGarbage,

    /// <summary>The API's port accepts connections and never answers.</summary>
    ApiSilent,

    StorageGarbage,
    StorageSilent,
}
