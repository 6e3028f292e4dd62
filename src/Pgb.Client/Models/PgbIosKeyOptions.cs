namespace Pgb.Client.Models;

/// <summary>An iOS key: a p12 certificate and its provisioning profile, sent as the <c>cert</c> and <c>profile</c> parts.</summary>
public sealed class PgbIosKeyOptions : PgbPasswordKeyOptions
{
    public override string Platform => PgbPlatforms.Ios;

    /// <summary>The <c>.p12</c> certificate file.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The <c>.mobileprovision</c> file.</summary>
    public string? ProfilePath { get; set; }

    internal override IReadOnlyList<(string Part, string? Path, string What, string Property)> Files =>
        [("cert", CertificatePath, "iOS certificate", nameof(CertificatePath)), ("profile", ProfilePath, "iOS provisioning profile", nameof(ProfilePath))];

    public override string ToString() =>
        $"ios key \"{Title}\" (certificate {FileNameOf(CertificatePath)}, profile {FileNameOf(ProfilePath)}, password {Shown(Password)})";
}
