namespace Pgb.Server.Errors;

/// <summary>An answer <c>{"error":message}</c> with <see cref="Status"/>: thrown by the services and handlers and turned
/// into the response by the error middleware, so code reads top-down without early-return plumbing; middleware that
/// answers before that point writes it directly. Made only by <see cref="ServerErrors"/>, which names every error the
/// server gives.</summary>
internal sealed class ApiException : Exception
{
    internal ApiException(int status, string message)
        : base(message)
    {
        Status = status;
    }

    public int Status { get; }
}
