using Pgb.Server.Errors;
using Pgb.Server.Faults;
using Pgb.Server.Hosting;
using Pgb.Server.Http;

namespace Pgb.Server.Middleware;

/// <summary>Applies <see cref="PgbSimulation.Faults"/>. Second in the pipeline, right after the request log: it plays a
/// failing front end (load balancer, proxy, storage host), so its answers skip authentication, JSONP and the handlers,
/// and every fault is still counted and logged. Requests no rule matches pass through untouched.</summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, ServerState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var faults = state.Simulation.Faults.Take(context.Request.Method, new PathString(FaultMatch.Normalize(context.Request.Path.Value ?? "/")));
        if (faults.IsEmpty)
        {
            await next(context);
            return;
        }

        context.Items[InjectedFaults.ItemKey] = faults;
        if (faults.Latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(faults.Latency, state.Time, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client gave up while we stalled; nobody is left to answer.
                return;
            }
        }

        switch (faults.Decisive)
        {
            case null:
                await next(context);
                break;
            case { Kind: PgbFaultKind.Status } rule:
                if (rule.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await JsonResponses.WriteErrorAsync(context, ServerErrors.InjectedFault(rule.Status, rule.Message));
                break;
            case { Kind: PgbFaultKind.Abort }:
                // Recorded first: the client sees the reset at once, and may count requests before this method returns.
                PendingRecord.Of(context)?.Commit();
                context.Abort();
                break;
            case { Kind: PgbFaultKind.BodyCut } rule:
                var original = context.Response.Body;
                context.Response.Body = new CutBodyStream(original, rule.CutAfterBytes);
                try
                {
                    await next(context);
                }
                finally
                {
                    context.Response.Body = original;
                }

                break;
        }
    }
}
