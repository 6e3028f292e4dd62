namespace Pgb.Server.Keys;

/// <summary>POST /api/v1/keys/:platform (and v0's): the fields and files of an upload, as sent. <see cref="Passwords"/>
/// holds every password field present (see <see cref="KeyPasswords.Read"/>); <see cref="Files"/> the uploaded parts by
/// part name; <see cref="Default"/> is null when not sent.</summary>
internal sealed record NewKey(
    string? Title,
    string? Alias,
    string? Role,
    IReadOnlyDictionary<string, string> Passwords,
    bool Lock,
    IReadOnlyDictionary<string, Upload> Files)
{
    public bool? Default { get; init; }
}

/// <summary>PUT /api/v1/keys/:platform/:id: passwords to add, a new title, <c>lock: true</c>, or <c>default</c>.</summary>
internal sealed record KeyUpdate(string? Title, IReadOnlyDictionary<string, string> Passwords, bool Lock)
{
    public bool? Default { get; init; }
}
