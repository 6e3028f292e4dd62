namespace Pgb.Pipeline;

public sealed partial class PgbPipeline
{
    /// <summary>Runs one call to the service and turns its failure into a coded, actionable error.</summary>
    private async Task<T> Call<T>(string what, Func<Task<T>> call, int? appId)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (PgbRequestFailedException ex)
        {
            throw Translate(what, ex, appId);
        }
    }

    /// <summary>Where the failed request went: the server URL for the API, the origin of a storage host otherwise.</summary>
    private string HostOf(PgbRequestFailedException ex, string server)
    {
        if (!Uri.TryCreate(ex.RequestUrl, UriKind.Absolute, out var url))
        {
            return server;
        }

        var origin = url.GetLeftPart(UriPartial.Authority);
        return string.Equals(origin, _client.ServerUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase) ? server : origin + "/";
    }

    private bool IsApiRequest(PgbRequestFailedException ex) =>
        ex.RequestUrl.StartsWith(PgbRedaction.Redact(_client.ApiRoot), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The code of a failed request: first by why it failed (no connection, silence, a body that broke off, a package
    /// that is none), then, for an error status, by the status. Each message names the host that failed, which for a
    /// download may be a storage host rather than the API's.
    /// </summary>
    internal PgbPipelineException Translate(string what, PgbRequestFailedException ex, int? appId)
    {
        var server = PgbRedaction.Redact(_client.ServerUrl);
        var host = HostOf(ex, server);
        var detail = ex.Message;
        return ex.Kind switch
        {
            PgbFailureKind.Unreachable or PgbFailureKind.NoAnswer => new(PgbErrorCodes.ServerUnreachable, Strings.ServerUnreachable.F(what, host, ex.ErrorMessage ?? detail), ex),
            PgbFailureKind.TimedOut => new(PgbErrorCodes.ServerTimedOut, Strings.ServerTimedOut.F(what, host, ex.ErrorMessage ?? detail), ex),
            PgbFailureKind.Interrupted => new(PgbErrorCodes.AnswerBrokeOff, Strings.AnswerBrokeOff.F(what, host, ex.ErrorMessage ?? detail), ex),
            PgbFailureKind.InvalidPackage => new(PgbErrorCodes.PackageInvalid, Strings.PackageInvalid.F(what, host, ex.ErrorMessage ?? detail), ex),
            PgbFailureKind.UnexpectedAnswer => new(PgbErrorCodes.UnexpectedAnswer, Strings.RequestFailed.F(what, detail), ex),
            _ => ex.Status switch
            {
                401 => new(PgbErrorCodes.Unauthorized, (TokenFromLogin ? Strings.UnauthorizedLogin : Strings.Unauthorized).F(what, ex.ErrorMessage ?? "401", TokenVariable, server), ex),
                // A 403 of the API about an app is a role too weak for the call (a tester's update); a storage host's
                // 403 (an expired signed URL) is about the package.
                403 when appId is not null && IsApiRequest(ex) => new(PgbErrorCodes.Forbidden, Strings.RoleNotEnough.F(what, appId, ex.ErrorMessage ?? "403"), ex),
                403 => new(PgbErrorCodes.Forbidden, Strings.RequestFailed.F(what, detail), ex),
                // The app is missing only when the API says so: a storage host's 404 is about the package.
                404 when appId is not null && IsApiRequest(ex) => new(PgbErrorCodes.NotFound, Strings.AppNotFound.F(what, appId, server, ex.ErrorMessage ?? "404"), ex),
                404 => new(PgbErrorCodes.NotFound, Strings.RequestFailed.F(what, detail), ex),
                411 or 413 => new(PgbErrorCodes.UploadRejected, Strings.UploadRejected.F(what, ex.Status, ex.ErrorMessage ?? ""), ex),
                >= 500 => new(PgbErrorCodes.ServerError, Strings.RequestFailed.F(what, detail), ex),
                >= 400 => new(PgbErrorCodes.BadRequest, Strings.RequestFailed.F(what, detail), ex),
                _ => new(PgbErrorCodes.UnexpectedAnswer, Strings.RequestFailed.F(what, detail), ex),
            },
        };
    }
}
