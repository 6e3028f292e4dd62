namespace Pgb.Server;

/// <summary>One request the server answered. <see cref="Path"/> includes the query string, with the values of
/// <c>auth_token</c> and <c>password</c> replaced by <c>***</c> so logs and test output never carry secrets.</summary>
public sealed record PgbRecordedRequest(string Method, string Path, int Status);
