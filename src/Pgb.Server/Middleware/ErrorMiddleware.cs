using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Pgb.Server.Hosting;
using Pgb.Server.Http;

namespace Pgb.Server.Middleware;

/// <summary>Every failure answers <c>{"error":"..."}</c> with a 4xx/5xx status - never an HTML page or a stack trace:
/// handler <see cref="ApiException"/>s, Kestrel's own rejections (body too large: 413), unreadable or truncated forms
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
            var (status, message) = e switch
            {
                ApiException api => (api.Status, api.Message),
                BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request Entity Too Large" : bad.Message),
                InvalidDataException invalid => (StatusCodes.Status400BadRequest, "could not read the request body: " + invalid.Message),
                // A bare IOException comes only from reading the request: a body that ends early (a truncated multipart)
                // or a client that hung up. Half a request is the client's error, not ours. (The persisted stores wrap
                // their own I/O failures in StorageException, which falls to the 500 below.)
                IOException => (StatusCodes.Status400BadRequest, "could not read the request body: it ended early"),
                JsonException json => (StatusCodes.Status400BadRequest, "could not parse JSON: " + json.Message),
                _ => (StatusCodes.Status500InternalServerError, InternalError(state, context, e)),
            };
            context.Response.Clear();
            await JsonResponses.WriteErrorAsync(context, status, message);
            return;
        }

        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && response.ContentType is null)
        {
            await JsonResponses.WriteErrorAsync(context, response.StatusCode, DefaultMessage(context, response.StatusCode));
        }
    }

    /// <summary>Logs the whole exception for whoever runs the server and answers a fixed text: exception messages name
    /// .NET types and internals, which mean nothing to an API client.</summary>
    public static string InternalError(ServerState state, HttpContext context, Exception e)
    {
        state.Options.Log?.Invoke($"{context.Request.Method} {RequestJournal.Redact(context.Request.Path + context.Request.QueryString)} failed: {e}");
        return "internal server error";
    }

    private static string DefaultMessage(HttpContext context, int status) => status switch
    {
        StatusCodes.Status404NotFound => $"no such resource: {context.Request.Method} {context.Request.Path}",
        StatusCodes.Status405MethodNotAllowed => $"method {context.Request.Method} not allowed on {context.Request.Path}",
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "error",
    };
}
