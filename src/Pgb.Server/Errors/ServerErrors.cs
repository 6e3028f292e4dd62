using Microsoft.AspNetCore.WebUtilities;
using Pgb.Server.Middleware;

namespace Pgb.Server.Errors;

/// <summary>Every error the server answers, by name (as Azurite's StorageErrorFactory): one place holds the texts clients
/// and tests read, so a message is written once and an error says what it is where it is thrown. The texts follow the
/// API documentation where it shows them (e.g. <c>app #N not available</c>); docs/server.md lists the rest.</summary>
internal static class ServerErrors
{
    // Authentication: 401 before any handler runs.

    public static ApiException InvalidToken() => Unauthorized("Invalid authentication token.");

    public static ApiException InvalidLogin() => Unauthorized("Invalid email or password.");

    public static ApiException SignInRequired() => Unauthorized("You need to sign in or sign up before continuing.");

    /// <summary>No credential in the query or the headers, and a body too large to be read for a form <c>auth_token</c>.</summary>
    public static ApiException SignInRequiredBodyTooLarge(long formTokenLimit) =>
        Unauthorized($"You need to sign in or sign up before continuing. A form field auth_token is looked for only in bodies of up to {ByteSize.Format(formTokenLimit)}: send the token as ?auth_token= or in an Authorization header.");

    /// <summary>A JSONP request without a token: Basic credentials are not accepted with <c>callback</c>.</summary>
    public static ApiException JsonpNeedsToken() =>
        Unauthorized("A JSONP request (callback) must carry an auth_token: Basic credentials are not accepted with callback.");

    /// <summary>The development account's token is public, so any web page could use it through JSONP.</summary>
    public static ApiException JsonpWithPublicToken() =>
        new(StatusCodes.Status403Forbidden, "JSONP (callback) is not answered for the development account: its token is public. Use an account of your own (pgb serve --user).");

    // The request itself.

    /// <summary>A Host or X-Forwarded-Host naming a host this server does not serve (DNS rebinding, or a proxy the
    /// operator did not allow).</summary>
    public static ApiException HostNotServed(string header, string host) =>
        BadRequest($"{header} '{host}' is not served here: this server answers 127.0.0.1, localhost, [::1] and the names allowed with --allowed-host (PgbServerOptions.AllowedHosts)");

    public static ApiException InvalidCallback() => BadRequest("callback must be a JavaScript identifier");

    /// <summary>The front end of the service refused chunked uploads to the app endpoints.</summary>
    public static ApiException LengthRequired() => new(StatusCodes.Status411LengthRequired, "Length Required");

    /// <summary>A body over the request's limit (docs/server.md, "Security"), named when known.</summary>
    public static ApiException RequestTooLarge(BodyLimit? limit) => new(StatusCodes.Status413PayloadTooLarge, limit switch
    {
        null => "Request Entity Too Large",
        { IsUpload: true } => $"Request Entity Too Large: uploads are limited to {ByteSize.Format(limit.Bytes)} on this server",
        _ => $"Request Entity Too Large: request bodies other than uploads are limited to {ByteSize.Format(limit.Bytes)}",
    });

    /// <summary>Kestrel refused the request (a malformed header, a body over the limit, a body arriving too slowly, ...).</summary>
    public static ApiException Rejected(BadHttpRequestException e, BodyLimit? limit) =>
        e.StatusCode == StatusCodes.Status413PayloadTooLarge ? RequestTooLarge(limit) : new(e.StatusCode, e.Message);

    public static ApiException BodyUnreadable(string problem) => BadRequest("could not read the request body: " + problem);

    /// <summary>A body shorter than announced (a truncated multipart) or a client that hung up mid-upload.</summary>
    public static ApiException BodyEndedEarly() => BodyUnreadable("it ended early");

    public static ApiException JsonUnparsable(string problem) => BadRequest("could not parse JSON: " + problem);

    public static ApiException DataNotJson(string problem) => BadRequest("could not parse data as JSON: " + problem);

    public static ApiException DataNotAnObject() => BadRequest("data must be a JSON object");

    /// <summary>Something the server inspects (config.xml, an icon, the upload's index) went over its fixed budget; the
    /// message says what and which limit (docs/server.md, "Security").</summary>
    public static ApiException OverBudget(BudgetExceededException e) => BadRequest(e.Message);

    public static ApiException NotABoolean(string field, string value) => BadRequest($"'{field}' must be true or false, not '{value}'");

    public static ApiException NoRoute(string method, string path) => NotFound($"no such resource: {method} {path}");

    public static ApiException MethodNotAllowed(string method, string path) =>
        new(StatusCodes.Status405MethodNotAllowed, $"method {method} not allowed on {path}");

    /// <summary>Any other status, with its reason phrase.</summary>
    public static ApiException Status(int status) => new(status, ReasonPhrase(status));

    /// <summary>A fixed text: exception messages name .NET types and internals, which mean nothing to an API client (the
    /// details go to the server's log).</summary>
    public static ApiException Internal() => new(StatusCodes.Status500InternalServerError, "internal server error");

    /// <summary>What a fault rule answers: its own message, or the status's reason phrase.</summary>
    public static ApiException InjectedFault(int status, string? message) => new(status, message ?? ReasonPhrase(status));

    public static string ReasonPhrase(int status) => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "error";

    // Apps.

    /// <summary>Also for another account's app, so that ids do not tell whether an app exists.</summary>
    public static ApiException AppNotAvailable(int id) => AppNotAvailable(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>For an id as the URL spelled it, when it is not a number.</summary>
    public static ApiException AppNotAvailable(string id) => NotFound($"app #{id} not available");

    public static ApiException SourceMissing() => BadRequest("Need either a repo url or a file");

    public static ApiException FilePartMissing() =>
        BadRequest("Need either a repo url or a file: create_method \"file\" needs a multipart part named \"file\"");

    public static ApiException UnknownCreateMethod(string method) => BadRequest($"create_method must be \"file\" or \"remote_repo\", not \"{method}\"");

    public static ApiException TitleRequired() => BadRequest("title is required");

    public static ApiException TitleRequiredForUpload() =>
        BadRequest("title is required: send one in data, or put a <name> in the config.xml at the root of the upload");

    /// <summary>The service never authenticated against repositories, and refused URLs carrying credentials.</summary>
    public static ApiException PrivateRepository(string userInfo) => BadRequest($"Private repository URLs not supported - try removing \"{userInfo}\"");

    /// <summary>The URL is neither http(s), ssh (<c>ssh://</c> or <c>user@host:path</c>), git nor file: the server clones
    /// with git, and takes nothing git would read as a local path or an option.</summary>
    public static ApiException UnsupportedRepository() =>
        BadRequest("repo must be an https, http, ssh, git or file URL of a git repository (https://host/path.git, ssh://host/path.git, user@host:path.git, file:///path)");

    /// <summary>An upload with no bytes.</summary>
    public static ApiException EmptyUpload() => BadRequest("the uploaded file is empty: send a zip, a tar.gz or an index.html");

    /// <summary>Neither a zip, a tar.gz nor a text file (an index.html): named by its first bytes.</summary>
    public static ApiException UnsupportedUpload(ReadOnlySpan<byte> content) =>
        BadRequest($"unsupported upload: send a zip, a tar.gz or an index.html (this file starts with 0x{Convert.ToHexStringLower(content[..Math.Min(content.Length, 8)])})");

    /// <summary>A zip or tar.gz that cannot be read whole; the service took these and failed the builds with
    /// "invalid widget archive".</summary>
    public static ApiException UnreadableUpload(string kind, string problem) => BadRequest($"invalid widget archive: the {kind} cannot be read: {problem.TrimEnd('.')}");

    public static ApiException RepoBacked(int id) => BadRequest($"app #{id} is repo backed: update it with data={{\"pull\":true}}, not a file");

    public static ApiException NotRepoBacked(int id) => BadRequest($"app #{id} is not repo backed");

    public static ApiException InvalidKeySelection(string platform) => BadRequest($"keys.{platform} must be a key id or an object with an id");

    public static ApiException UnknownPlatform(string name) => BadRequest($"unknown platform '{name}' (known: {string.Join(", ", Platforms.All)})");

    public static ApiException NoBuildLog(int id, string platform) => NotFound($"no build log for app #{id} on {platform}");

    /// <summary>v1's download of a platform that is not complete (or was never queued).</summary>
    public static ApiException PackageUnavailable(int id, string platform) => NotFound($"app #{id} download unavailable for {platform}");

    /// <summary>v0's: <c>App #N for PLATFORM STATE</c>, the platform as the URL spelled it.</summary>
    public static ApiException V0PackageUnavailable(int id, string requested, string? state) =>
        NotFound($"App #{id} for {requested} {state ?? "unavailable"}");

    public static ApiException NoIcon(int id) => NotFound($"No icon available for app #{id}");

    public static ApiException IconMissing() => BadRequest("send the icon as a multipart file part named \"icon\"");

    public static ApiException CollaboratorNotAvailable(string collaborator, int id) => NotFound($"collaborator #{collaborator} not available for app #{id}");

    // Roles (the rules: AppAccess).

    /// <summary>The Write API: "If you are not the owner of an app, you will receive a 401 unauthorized response."</summary>
    public static ApiException NotCollaboratorManager(int id, AppRole role) =>
        Unauthorized($"only the owner or an admin of app #{id} may see or change its collaborators; you are a {AppRoles.Name(role)}");

    /// <summary>A collaborator asking for more than its role allows (the API documents no status for it: 403, as HTTP
    /// means it).</summary>
    public static ApiException RoleTooWeak(int id, AppRole role, AppRole needed, AppAction action) =>
        new(StatusCodes.Status403Forbidden, $"you are a {AppRoles.Name(role)} of app #{id}: only {Who(needed)} may {What(action)}");

    public static ApiException CollaboratorEmailRequired() => BadRequest("email is required: the e-mail address of the collaborator to add");

    public static ApiException NotAnEmail(string email) =>
        BadRequest(email.Length > Collaborator.MaxEmailLength
            ? $"email is longer than {Collaborator.MaxEmailLength} characters: it is not an e-mail address"
            : $"'{email}' is not an e-mail address");

    public static ApiException CollaboratorRoleRequired() => BadRequest($"role is required: {RoleChoices}");

    public static ApiException UnknownCollaboratorRole(string role) => BadRequest($"role must be {RoleChoices}, not '{role}'");

    public static ApiException AlreadyCollaborator(string email, int collaboratorId, int id) =>
        BadRequest($"{email} is collaborator #{collaboratorId} of app #{id} already: change the role with PUT /api/v1/apps/{id}/collaborators/{collaboratorId}");

    public static ApiException OwnerIsNoCollaborator(string email, int id) => BadRequest($"{email} owns app #{id}: the owner is its admin already");

    public static ApiException OwnerStays(int id) => BadRequest($"the owner of app #{id} is its admin for good: it cannot be removed, nor its role changed");

    /// <summary>The Write API: "You cannot change the email of a collaborator at present; trying to do so will return a 400".</summary>
    public static ApiException CollaboratorEmailFixed(int collaboratorId, int id) =>
        BadRequest($"the e-mail of a collaborator cannot be changed: remove collaborator #{collaboratorId} from app #{id} and add the new address");

    public static ApiException TooManyCollaborators(int id, int max) => BadRequest($"app #{id} has {max} collaborators, the most this server keeps for an app");

    public static ApiException StorageObjectNotFound() => NotFound("no such object in storage");

    // Signing keys.

    public static ApiException KeyUploadNotSupported(string platform) =>
        BadRequest($"{platform} signing keys cannot be uploaded to this server (it takes {string.Join(", ", KeyPlatforms.Uploadable)})");

    public static ApiException AliasRequired() => BadRequest("alias is required for an android key");

    public static ApiException InvalidKeyRole() => BadRequest("role must be developer or distribution");

    public static ApiException KeyFileRequired(string part, string platform) => BadRequest($"a {part} file is required for a {platform} key");

    public static ApiException KeyNotFound(string platform, string id) => NotFound($"could not find {platform} key #{id}");

    public static ApiException UnknownKeyPlatform(string name) => NotFound($"unknown key platform '{name}' (known: {string.Join(", ", Platforms.KeyGroups)})");

    private const string RoleChoices = "tester, dev (developer) or admin";

    private static string Who(AppRole role) => role switch
    {
        AppRole.Tester => "its collaborators",
        AppRole.Developer => "a developer, an admin or its owner",
        _ => "an admin or its owner",
    };

    private static string What(AppAction action) => action switch
    {
        AppAction.Read => "see it",
        AppAction.Download => "download it",
        AppAction.Update => "update it",
        AppAction.Build => "build it",
        AppAction.SelectKeys => "select or unlock its signing keys",
        AppAction.ManageCollaborators => "see or change its collaborators",
        AppAction.Delete => "delete it",
        _ => action.ToString(),
    };

    private static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    private static ApiException Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, message);

    private static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, message);
}
