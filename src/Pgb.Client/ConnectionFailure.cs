using System.Net.Sockets;
using System.Reflection;

namespace Pgb.Client;

/// <summary>Reads what a handler's exception says about a request that got no answer.</summary>
internal static class ConnectionFailure
{
    /// <summary>
    /// <see cref="PgbFailureKind.Unreachable"/> when no connection could be made (the request never left, so it is
    /// safe to send again whatever it is), <see cref="PgbFailureKind.UnexpectedAnswer"/> when the other end answered
    /// something that is not HTTP, else <see cref="PgbFailureKind.NoAnswer"/>. .NET 8 and later say it in
    /// <c>HttpRequestException.HttpRequestError</c>, which this netstandard2.0 library reads by name; older runtimes
    /// leave the socket's error as the inner exception.
    /// </summary>
    public static PgbFailureKind Classify(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            var error = HttpRequestError(e);
            if (error is "NameResolutionError" or "ConnectionError")
            {
                return PgbFailureKind.Unreachable;
            }

            if (error is "InvalidResponse")
            {
                return PgbFailureKind.UnexpectedAnswer;
            }

            if (e is SocketException socket && socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable
                or SocketError.NetworkUnreachable or SocketError.TryAgain or SocketError.NoData)
            {
                return PgbFailureKind.Unreachable;
            }
        }

        return PgbFailureKind.NoAnswer;
    }

    private static string? HttpRequestError(Exception e) =>
        e.GetType().GetProperty("HttpRequestError", BindingFlags.Public | BindingFlags.Instance)?.GetValue(e)?.ToString();
}
