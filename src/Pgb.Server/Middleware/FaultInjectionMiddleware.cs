using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Pgb.Server.Faults;

namespace Pgb.Server.Middleware;

/// <summary>Applies <see cref="PgbSimulation.Faults"/>. Right after the request log and the host check: it plays a
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
                SetRetryAfter(context, rule);
                await JsonResponses.WriteErrorAsync(context, ServerErrors.InjectedFault(rule.Status, rule.Message));
                break;
            case { Kind: PgbFaultKind.HtmlError } rule:
                SetRetryAfter(context, rule);
                var page = Encoding.UTF8.GetBytes(ProxyErrorPage.For(rule.Status, rule.Message!));
                context.Response.StatusCode = rule.Status;
                context.Response.ContentType = ProxyErrorPage.ContentType;
                context.Response.ContentLength = page.Length;
                await context.Response.Body.WriteAsync(page, context.RequestAborted);
                break;
            case { Kind: PgbFaultKind.ErrorInOk } rule:
                await JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["error"] = rule.Message });
                break;
            case { Kind: PgbFaultKind.Abort }:
                // Recorded first: the client sees the reset at once, and may count requests before this method returns.
                PendingRecord.Of(context)?.Commit();
                context.Abort();
                break;
            case { Kind: PgbFaultKind.Reset }:
                // A zero linger turns the close into a RST; without the socket (another transport) it is an abort.
                if (context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
                {
                    socket.LingerState = new LingerOption(enable: true, seconds: 0);
                }

                PendingRecord.Of(context)?.Commit();
                context.Abort();
                break;
            case { Kind: PgbFaultKind.BodyCut } rule:
                await WithBodyAsync(context, new CutBodyStream(context.Response.Body, rule.CutAfterBytes), null);
                break;
            case { Kind: PgbFaultKind.Stall } rule:
                var stalling = new StallingBodyStream(context.Response.Body, rule.StallAfterBytes, rule.Latency, state.Time, context.RequestAborted);
                await WithBodyAsync(context, stalling, () => stalling.CompleteAsync(context.RequestAborted));
                break;
            case { Kind: PgbFaultKind.EmptyBody }:
                context.Response.OnStarting(() =>
                {
                    // Last of the OnStarting callbacks (registered first): whatever length the handler set, none is sent.
                    context.Response.ContentLength = 0;
                    return Task.CompletedTask;
                });
                await WithBodyAsync(context, Stream.Null, null);
                break;
        }
    }

    private static void SetRetryAfter(HttpContext context, PgbFaultRule rule)
    {
        if (rule.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Runs the rest of the pipeline with <paramref name="body"/> in place of the response body, then
    /// <paramref name="complete"/> (before the answer ends).</summary>
    private async Task WithBodyAsync(HttpContext context, Stream body, Func<Task>? complete)
    {
        var original = context.Response.Body;
        context.Response.Body = body;
        try
        {
            await next(context);
            if (complete is not null)
            {
                await complete();
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up during a stall: nobody is left to answer.
        }
        finally
        {
            context.Response.Body = original;
        }
    }
}
