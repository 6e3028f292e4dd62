namespace Pgb.Client.Models;

/// <summary>
/// A signing key to upload with <c>POST /api/v1/keys/:platform</c>. One subclass per platform, because each
/// needs different files and passwords: <see cref="PgbIosKeyOptions"/>, <see cref="PgbAndroidKeyOptions"/>,
/// <see cref="PgbBlackBerryKeyOptions"/>. A key uploaded without its passwords is locked until unlocked.
/// </summary>
public abstract class PgbKeyOptions
{
    // Closed: the client knows how to send exactly these platforms' files.
    private protected PgbKeyOptions()
    {
    }

    /// <summary>The <c>:platform</c> of the URL.</summary>
    [JsonIgnore] public abstract string Platform { get; }

    /// <summary>Required: the name the key is listed under.</summary>
    public string? Title { get; set; }

    /// <summary>Make it the account's default key for its platform (<c>default</c>); not sent when null.</summary>
    public bool? Default { get; set; }

    /// <summary>The <c>data</c> JSON; passwords that are null are left out, which uploads the key locked.</summary>
    internal JObject Data()
    {
        var data = new JObject { ["title"] = Title };
        if (Default is { } isDefault)
        {
            data["default"] = isDefault;
        }

        foreach (var (name, value) in DataFields)
        {
            if (value is not null)
            {
                data[name] = value;
            }
        }

        return data;
    }

    /// <summary>The fields of <c>data</c> beside the title, as the v1 API docs name them.</summary>
    private protected abstract IEnumerable<(string Name, string? Value)> DataFields { get; }

    /// <summary>The file parts: part name, path, what the file is (for messages) and the property that holds it.</summary>
    internal abstract IReadOnlyList<(string Part, string? Path, string What, string Property)> Files { get; }

    /// <summary>The passwords set, to register with the client's redaction before anything is sent.</summary>
    internal abstract IEnumerable<string?> Passwords { get; }

    /// <summary>Throws for what the service would refuse anyway, before opening a file or a connection.</summary>
    internal virtual void Validate(string parameterName)
    {
        if (string.IsNullOrWhiteSpace(Title))
        {
            throw new ArgumentException($"A {Platform} key needs a title.", parameterName);
        }
    }

    /// <summary>Checks the key (<see cref="Validate"/>) and that each of its files exists: the files to send, by the v1
    /// part name.</summary>
    internal IReadOnlyList<(string Part, string Path)> FilesToSend(string parameterName)
    {
        Validate(parameterName);
        var files = new List<(string Part, string Path)>();
        foreach (var file in Files)
        {
            UploadFiles.Require(file.Path, file.What, parameterName + "." + file.Property);
            files.Add((file.Part, file.Path!));
        }

        return files;
    }

    /// <summary>Never prints a password: options end up in logs and exception messages otherwise.</summary>
    public abstract override string ToString();

    private protected static string Shown(string? password) => password is null ? "not set" : "(redacted)";

    private protected static string FileNameOf(string? path) => string.IsNullOrEmpty(path) ? "(none)" : Path.GetFileName(path);
}
