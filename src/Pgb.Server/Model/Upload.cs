namespace Pgb.Server.Model;

/// <summary>A file a request uploaded (an app's source, an icon, a signing key's files): the name the client gave it,
/// possibly empty, and its bytes.</summary>
internal sealed record Upload(string FileName, byte[] Content);
