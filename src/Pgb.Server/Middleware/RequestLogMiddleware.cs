using System.Diagnostics;

namespace Pgb.Server.Middleware;

/// <summary>Outermost step: counts the request before anything can reject it (tests assert "zero requests"), then
/// records the request in the journal as its answer starts (see <see cref="PendingRecord"/>) and logs
/// the final status and any injected fault at its end. The last line of defence too: nothing escapes as a bare 500 page.</summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, ServerState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        state.Journal.Received();
        var started = Stopwatch.GetTimestamp();
        var path = RequestJournal.Redact(context.Request.PathBase + context.Request.Path + context.Request.QueryString);
        var record = new PendingRecord(state, context, path);
        context.Items[PendingRecord.ItemKey] = record;
        context.Response.OnStarting(() =>
        {
            record.Commit();
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await Http.JsonResponses.WriteErrorAsync(context, ErrorMiddleware.InternalError(state, context, e));
        }
        finally
        {
            // Usually recorded already, when the answer started; here for requests that never got one.
            record.Commit();
            var faults = PendingRecord.InjectedFaultsOf(context);
            // An injected abort leaves the default 200 in the response; log 0 ("no answer"), what the client saw.
            var status = faults?.Aborted == true ? 0 : context.Response.StatusCode;
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var suffix = faults is null ? string.Empty : " fault: " + faults.Description;
            state.Options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{context.Request.Method} {path} {status} {elapsed:0}ms{suffix}"));
        }
    }
}
