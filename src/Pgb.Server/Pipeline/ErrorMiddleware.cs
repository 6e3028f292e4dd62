using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Pgb.Server.Http;

namespace Pgb.Server.Pipeline;

/// <summary>Every failure answers <c>{"error":"..."}</c> with a 4xx/5xx status - never an HTML page or a stack trace:
/// handler <see cref="ApiException"/>s, Kestrel's own rejections (body too large: 413), unreadable forms or JSON (400),
/// anything else (500). Empty error answers from routing (404 no route, 405 wrong method) get a JSON body too.</summary>
internal sealed class ErrorMiddleware(RequestDelegate next)
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
                JsonException json => (StatusCodes.Status400BadRequest, "could not parse JSON: " + json.Message),
                _ => (StatusCodes.Status500InternalServerError, "internal server error: " + e.Message),
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

    private static string DefaultMessage(HttpContext context, int status) => status switch
    {
        StatusCodes.Status404NotFound => $"no such resource: {context.Request.Method} {context.Request.Path}",
        StatusCodes.Status405MethodNotAllowed => $"method {context.Request.Method} not allowed on {context.Request.Path}",
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "error",
    };
}
