namespace Pgb.Client.Models;

/// <summary>A BlackBerry key: the signing tool's <c>sigtool.db</c> and <c>sigtool.csk</c>, sent as the <c>db</c> and <c>csk</c> parts.</summary>
public sealed class PgbBlackBerryKeyOptions : PgbPasswordKeyOptions
{
    public override string Platform => PgbPlatforms.BlackBerry;

    /// <summary>The <c>sigtool.db</c> file.</summary>
    public string? DbPath { get; set; }

    /// <summary>The <c>sigtool.csk</c> file.</summary>
    public string? CskPath { get; set; }

    internal override IReadOnlyList<(string Part, string? Path, string What, string Property)> Files =>
        [("db", DbPath, "BlackBerry sigtool.db", nameof(DbPath)), ("csk", CskPath, "BlackBerry sigtool.csk", nameof(CskPath))];

    public override string ToString() =>
        $"blackberry key \"{Title}\" (db {FileNameOf(DbPath)}, csk {FileNameOf(CskPath)}, password {Shown(Password)})";
}
