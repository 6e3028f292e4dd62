namespace Pgb.Server.Handlers;

/// <summary>The API a route belongs to, for the few handlers v1 and v0 share: they call the service alike and differ only
/// in how they word the answer.</summary>
internal enum ApiVersion
{
    V0,
    V1,
}
