namespace Pgb.Client.Models;

/// <summary>A BlackBerry key: the signing tool's <c>sigtool.db</c> and <c>sigtool.csk</c>, sent as the <c>db</c> and <c>csk</c> parts.</summary>
public sealed class PgbBlackBerryKeyOptions : PgbKeyOptions
{
    public override string Platform => PgbPlatforms.BlackBerry;

    /// <summary>The <c>sigtool.db</c> file.</summary>
    public string? DbPath { get; set; }

    /// <summary>The <c>sigtool.csk</c> file.</summary>
    public string? CskPath { get; set; }

    /// <summary>The key's password; without it the key is uploaded locked.</summary>
    [JsonIgnore] public string? Password { get; set; }

    private protected override IEnumerable<(string Name, string? Value)> DataFields => [("password", Password)];

    internal override IReadOnlyList<(string Part, string? Path, string What, string Property)> Files =>
        [("db", DbPath, "BlackBerry sigtool.db", nameof(DbPath)), ("csk", CskPath, "BlackBerry sigtool.csk", nameof(CskPath))];

    internal override IEnumerable<string?> Passwords => [Password];

    public override string ToString() =>
        $"blackberry key \"{Title}\" (db {FileNameOf(DbPath)}, csk {FileNameOf(CskPath)}, password {Shown(Password)})";
}
