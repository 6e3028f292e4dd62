namespace Pgb.Server;

/// <summary>One request the server answered. <see cref="Path"/> includes the query string, with the values of
/// <c>auth_token</c> and <c>password</c> replaced by <c>***</c> so logs and test output never carry secrets.
/// <see cref="Status"/> is 0 for a request that got no answer because a fault dropped its connection.</summary>
public sealed record PgbRecordedRequest(string Method, string Path, int Status)
{
    /// <summary>The faults injected into this request (<see cref="PgbSimulation.Faults"/>), such as
    /// <c>status 503 (1 of 2)</c> or <c>latency 200ms (1 of 1), abort (1 of 1)</c>; null when there were none. An init
    /// property rather than a parameter, so code that constructs or deconstructs the record keeps compiling.</summary>
    public string? Fault { get; init; }

    /// <summary>The port on 127.0.0.1 the request came to: <see cref="PgbServer.BaseUri"/>'s, or
    /// <see cref="PgbServer.StorageUri"/>'s.</summary>
    public int Port { get; init; }

    /// <summary>True when the request carried a credential in a place the server looks: an <c>Authorization</c> header or
    /// an <c>auth_token</c> in the query (valid or not). A client must never send one to the storage.</summary>
    public bool CarriedCredentials { get; init; }
}
