using System.Text.Json;

namespace Pgb.Server.Middleware;

/// <summary>Every failure answers <c>{"error":"..."}</c> with a 4xx/5xx status - never an HTML page or a stack trace:
/// <see cref="ApiException"/>s, Kestrel's own rejections (body too large: 413), unreadable or truncated forms
/// and JSON (400), anything else (500, whose details go to <see cref="PgbServerOptions.Log"/>, not to the client).
/// Empty error answers from routing (404 no route, 405 wrong method) get a JSON body too.</summary>
internal sealed class ErrorMiddleware(RequestDelegate next, ServerState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var error = e switch
            {
                ApiException api => api,
                BudgetExceededException overBudget => ServerErrors.OverBudget(overBudget),
                BadHttpRequestException bad => ServerErrors.Rejected(bad, RequestLimitMiddleware.Of(context)),
                InvalidDataException invalid => ServerErrors.BodyUnreadable(invalid.Message),
                // A bare IOException comes only from reading the request: a body that ends early (a truncated multipart)
                // or a client that hung up. Half a request is the client's error, not ours. (The persisted stores wrap
                // their own I/O failures in StorageException, which falls to the 500 below.)
                IOException => ServerErrors.BodyEndedEarly(),
                JsonException json => ServerErrors.JsonUnparsable(json.Message),
                _ => InternalError(state, context, e),
            };
            context.Response.Clear();
            if (error.Status == StatusCodes.Status401Unauthorized && !JsonpMiddleware.IsJsonp(context))
            {
                // A 401 carries a challenge (RFC 9110), as the authentication's own do: here a collaborator whose role
                // does not let it manage collaborators, who would need the owner's or an admin's credentials.
                context.Response.Headers.WWWAuthenticate = AuthMiddleware.Challenge;
            }

            await JsonResponses.WriteErrorAsync(context, error);
            return;
        }

        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && response.ContentType is null)
        {
            await JsonResponses.WriteErrorAsync(context, response.StatusCode switch
            {
                StatusCodes.Status404NotFound => ServerErrors.NoRoute(context.Request.Method, context.Request.Path),
                StatusCodes.Status405MethodNotAllowed => ServerErrors.MethodNotAllowed(context.Request.Method, context.Request.Path),
                var status => ServerErrors.Status(status),
            });
        }
    }

    /// <summary>Logs the whole exception for whoever runs the server and answers <see cref="ServerErrors.Internal"/>.</summary>
    public static ApiException InternalError(ServerState state, HttpContext context, Exception e)
    {
        state.Options.Log?.Invoke($"{context.Request.Method} {RequestJournal.Redact(context.Request.Path + context.Request.QueryString)} failed: {e}");
        return ServerErrors.Internal();
    }
}
