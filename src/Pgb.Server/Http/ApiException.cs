namespace Pgb.Server.Http;

/// <summary>Thrown by handlers to answer <c>{"error":message}</c> with <paramref name="status"/>; the error middleware
/// turns it into the response, so handlers read top-down without early-return plumbing.</summary>
internal sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    public static ApiException AppNotAvailable(int id) => NotFound($"app #{id} not available");
}
