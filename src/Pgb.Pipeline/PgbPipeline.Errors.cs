using Pgb.Client;

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

    internal PgbPipelineException Translate(string what, PgbRequestFailedException ex, int? appId)
    {
        var server = PgbRedaction.Redact(_client.ServerUrl);
        var detail = ex.Message;
        return ex.Status switch
        {
            // The answer started and broke off (after the client's own retries): say so, not "no answer".
            0 when ex.Interrupted => new(PgbErrorCodes.ServerUnreachable, Strings.RequestFailed.F(what, detail), ex),
            0 => new(PgbErrorCodes.ServerUnreachable, Strings.ServerUnreachable.F(what, server, ex.ErrorMessage ?? detail), ex),
            401 => new(PgbErrorCodes.Unauthorized, (TokenFromLogin ? Strings.UnauthorizedLogin : Strings.Unauthorized).F(what, ex.ErrorMessage ?? "401", TokenVariable, server), ex),
            403 => new(PgbErrorCodes.Forbidden, Strings.RequestFailed.F(what, detail), ex),
            404 when appId is not null => new(PgbErrorCodes.NotFound, Strings.AppNotFound.F(what, appId, server, ex.ErrorMessage ?? "404"), ex),
            404 => new(PgbErrorCodes.NotFound, Strings.RequestFailed.F(what, detail), ex),
            411 or 413 => new(PgbErrorCodes.UploadRejected, Strings.UploadRejected.F(what, ex.Status, ex.ErrorMessage ?? ""), ex),
            >= 500 => new(PgbErrorCodes.ServerError, Strings.RequestFailed.F(what, detail), ex),
            >= 400 => new(PgbErrorCodes.BadRequest, Strings.RequestFailed.F(what, detail), ex),
            _ => new(PgbErrorCodes.UnexpectedAnswer, Strings.RequestFailed.F(what, detail), ex),
        };
    }
}
