using System.Diagnostics;
using System.Globalization;
using Pgb.Server.Faults;
using Pgb.Server.Hosting;

namespace Pgb.Server.Pipeline;

/// <summary>Outermost step: counts the request before anything can reject it (tests assert "zero requests"), then
/// records and logs the final status and any injected fault. The last line of defence too: nothing escapes as a bare 500 page.</summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, ServerState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        state.Journal.Received();
        var started = Stopwatch.GetTimestamp();
        var path = RequestJournal.Redact(context.Request.PathBase + context.Request.Path + context.Request.QueryString);
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await Http.JsonResponses.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, ErrorMiddleware.InternalError(state, context, e));
        }
        finally
        {
            // An injected abort leaves the default 200 in the response; record 0 ("no answer"), what the client saw.
            var faults = context.Items.TryGetValue(InjectedFaults.ItemKey, out var item) ? item as InjectedFaults : null;
            var status = faults?.Aborted == true ? 0 : context.Response.StatusCode;
            state.Journal.Record(new PgbRecordedRequest(context.Request.Method, path, status) { Fault = faults?.Description });
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var suffix = faults is null ? string.Empty : " fault: " + faults.Description;
            state.Options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{context.Request.Method} {path} {status} {elapsed:0}ms{suffix}"));
        }
    }
}
